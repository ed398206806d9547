import { z } from 'zod';
import { mediaCheckResultSchema } from '../contract/media-check';
import { staffActionRefusalSchema, staffActorSchema } from './staff';

/**
 * The network and media check run from the console: its own module, so the console's protocol
 * and the kiosk's control channel share it without one importing the other.
 */

/** The console asks an idle kiosk to run its network and media check; `by` null for the admin API. */
export const mediaCheckRunRequestSchema = z.strictObject({ id: z.uuid(), by: staffActorSchema.nullable() });
export type MediaCheckRunRequest = z.infer<typeof mediaCheckRunRequestSchema>;

/**
 * Why a kiosk will not run the check now. Someone at the kiosk always comes first: a visit, a staff
 * member at the panel, or an inmate between the attract screen and a call would lose the screen.
 */
export const mediaCheckRunRefusalSchema = z.enum([
  ...staffActionRefusalSchema.extract(['visit_in_progress', 'not_supported']).options,
  /** A staff member is signed in at the kiosk's panel (or signing in). */
  'staff_session_in_progress',
  /** An inmate is signing in, choosing a visit or reading the after-call screen. */
  'kiosk_in_use',
  /** A check (the console's or a technician's) is already running. */
  'check_in_progress',
]);
export type MediaCheckRunRefusal = z.infer<typeof mediaCheckRunRefusalSchema>;

/** Sent once the check is judged and stored on the kiosk (its audit entry in the outbox), or refused. */
export const mediaCheckRunAnswerSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('checked'), result: mediaCheckResultSchema }),
  z.strictObject({ status: z.literal('refused'), reason: mediaCheckRunRefusalSchema }),
]);
export type MediaCheckRunAnswer = z.infer<typeof mediaCheckRunAnswerSchema>;
