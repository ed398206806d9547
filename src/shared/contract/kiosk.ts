import { z } from 'zod';
import { displayNameSchema, isoTimeSchema, visitIdSchema } from '../protocol/common';
import { visitEndReasonSchema, visitSummarySchema, type VisitSummary } from '../protocol/visit';

const revision = z.number().int().nonnegative();

export { visitSummarySchema, type VisitSummary };

export const inmateSchema = z.strictObject({ displayName: displayNameSchema });

export const signInFailureSchema = z.strictObject({
  reason: z.enum(['bad_credentials', 'locked_out', 'wrong_housing_unit', 'server_unavailable']),
  /** For a lockout: when the server accepts this inmate's sign-in again. */
  retryAt: isoTimeSchema.nullable(),
});
export type SignInFailure = z.infer<typeof signInFailureSchema>;

export const visitNoticeSchema = z.strictObject({
  reason: z.enum(['visit_not_open', 'visit_over', 'server_unavailable', 'visit_ended', 'call_failed']),
  visitId: visitIdSchema,
});
export type VisitNotice = z.infer<typeof visitNoticeSchema>;

/** Why a call ended, as the renderer reports it to main: the server's reasons, or a local failure. */
export const callEndReasonSchema = z.enum([...visitEndReasonSchema.options, 'failed']);
export type CallEndReason = z.infer<typeof callEndReasonSchema>;

/**
 * The screen main says the kiosk is on, with exactly what that screen needs. The renderer draws it
 * and holds nothing else, so a reloaded renderer comes back to the same place.
 */
export const kioskSnapshotSchema = z.discriminatedUnion('screen', [
  z.strictObject({ screen: z.literal('attract'), revision }),
  z.strictObject({
    screen: z.literal('signIn'),
    revision,
    busy: z.boolean(),
    failure: signInFailureSchema.nullable(),
  }),
  z.strictObject({
    screen: z.literal('visits'),
    revision,
    busy: z.boolean(),
    inmate: inmateSchema,
    visits: z.array(visitSummarySchema).max(100),
    notice: visitNoticeSchema.nullable(),
  }),
  z.strictObject({
    screen: z.literal('call'),
    revision,
    inmate: inmateSchema,
    visit: visitSummarySchema,
    /** Where and how the renderer joins the visit's media room. */
    media: z.strictObject({ serverUrl: z.url(), ticket: z.string().min(1).max(4096) }),
  }),
]);
export type KioskSnapshot = z.infer<typeof kioskSnapshotSchema>;
export type KioskScreen = KioskSnapshot['screen'];

export const staffMessageSchema = z.strictObject({ id: z.uuid(), text: z.string().min(1).max(500) });
export type StaffMessage = z.infer<typeof staffMessageSchema>;

export const hostKindSchema = z.enum(['electron', 'preview']);
export type HostKind = z.infer<typeof hostKindSchema>;

export const appInfoSchema = z.strictObject({
  name: z.string(),
  version: z.string(),
  host: hostKindSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const rendererErrorSchema = z.strictObject({
  message: z.string().max(2000),
  stack: z.string().max(10000).optional(),
});
