import { z } from 'zod';
import { displayNameSchema, isoTimeSchema, visitIdSchema } from './common';

/** Why a visit ended, as both sides of the call and the kiosk's control channel are told. */
export const visitEndReasonSchema = z.enum([
  'completed',
  'hung_up_by_inmate',
  'hung_up_by_visitor',
  'ended_by_staff',
  'ended_by_server',
]);
export type VisitEndReason = z.infer<typeof visitEndReasonSchema>;

/** `scheduled`: not open yet; `open`: may be joined; `over`: its time passed or it was ended. */
export const visitStatusSchema = z.enum(['scheduled', 'open', 'over']);
export type VisitStatus = z.infer<typeof visitStatusSchema>;

export const visitSummarySchema = z.strictObject({
  visitId: visitIdSchema,
  startsAt: isoTimeSchema,
  endsAt: isoTimeSchema,
  /** From when the visit may be joined; the server's rule, so kiosks need not know it. */
  opensAt: isoTimeSchema,
  visitorName: displayNameSchema,
  /** A legal (attorney) visit: not recorded or monitored. */
  privileged: z.boolean(),
  status: visitStatusSchema,
});
export type VisitSummary = z.infer<typeof visitSummarySchema>;

/**
 * A visit code as typed by a visitor: three groups of four from an alphabet without look-alike
 * characters. The visitor page normalises what was typed before sending it.
 */
export const visitorCodeSchema = z.string().regex(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/, 'not a visit code');

/** Upper-cases and regroups a typed code ("demo 0000 0001" → "DEMO-0000-0001"). */
export function normaliseVisitorCode(typed: string): string {
  const compact = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact.length === 12 ? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}` : compact;
}
