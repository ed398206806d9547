import { z } from 'zod';
import { housingUnitIdSchema, isoTimeSchema, kioskIdSchema } from './common';
import { staffActionRefusalSchema, staffMemberSchema } from './staff';

/**
 * The officer console's view of the server: its audit entries. The console's socket protocol
 * builds on these.
 */

export const auditPlaceSchema = z.enum(['kiosk', 'console', 'server']);
export type AuditPlace = z.infer<typeof auditPlaceSchema>;

/** One row of the server's audit table: who, what, when (server time), where, and the outcome. */
export const auditEntrySchema = z.strictObject({
  id: z.number().int().positive(),
  at: isoTimeSchema,
  place: auditPlaceSchema,
  /** Null when nobody could be named (a failed sign-in with an unknown staff number). */
  staffId: staffMemberSchema.shape.staffId.nullable(),
  /** As given: `staff:<id>` at the server, or the kiosk's own actor string. */
  actor: z.string().min(1).max(100),
  action: z.string().min(1).max(100),
  kioskId: kioskIdSchema.nullable(),
  housingUnitId: housingUnitIdSchema.nullable(),
  outcome: z.string().min(1).max(100),
  detail: z.record(z.string(), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** What became of one command at one kiosk, as the console shows it in words. */
export const commandOutcomeSchema = z.strictObject({
  kioskId: kioskIdSchema,
  status: z.enum([
    'accepted',
    'refused',
    /** Not connected when the command was given: reported at once, never queued. */
    'offline',
    /** Connected, but no valid answer came back (timeout, disconnect mid-way). */
    'failed',
  ]),
  reason: staffActionRefusalSchema.optional(),
});
export type CommandOutcome = z.infer<typeof commandOutcomeSchema>;
