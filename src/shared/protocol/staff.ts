import { z } from 'zod';
import { bearerTokenSchema, displayNameSchema, housingUnitIdSchema, isoTimeSchema, visitIdSchema } from './common';

/**
 * Staff (officers and technicians) as the kiosk, the server and the officer console see them. Staff
 * PINs are checked by the server only and never leave it, not even hashed: a kiosk sits among the
 * people it must keep out. The kiosk holds offline codes only as slow hashes with an expiry.
 */

/** Staff numbers are what a badge reader types: digits only. */
export const staffNumberSchema = z.string().regex(/^\d{3,12}$/, 'a staff number is 3 to 12 digits');
export const staffPinSchema = z.string().regex(/^\d{4,8}$/, 'a staff PIN is 4 to 8 digits');
export const staffRoleSchema = z.enum(['officer', 'technician']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const staffMemberSchema = z.strictObject({
  /** The server's stable ID for the person; what every audit record names. */
  staffId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  staffNumber: staffNumberSchema,
  displayName: displayNameSchema,
  role: staffRoleSchema,
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/**
 * A one-time offline code as an officer keeps it: groups of base32 letters, about 100 bits, so a
 * stolen kiosk disk holding only its slow hash gives no practical offline search.
 */
export const offlineCodeSchema = z.string().regex(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/, 'not an offline code');

/** What a kiosk keeps of one offline code: an scrypt verifier, never the code. */
export const offlineCodeVerifierSchema = z.strictObject({
  codeId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** Who the code was issued to, so its use is attributed. */
  staffId: staffMemberSchema.shape.staffId,
  role: staffRoleSchema,
  /**
   * scrypt parameters and output, base64url: `hash = scrypt(code, salt, 32 bytes, {N: n, r, p})`,
   * over the code exactly as `offlineCodeSchema` writes it (capitals, dashes), the salt as raw bytes.
   */
  salt: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  hash: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/),
  n: z
    .number()
    .int()
    .min(1024)
    .max(1 << 20),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  expiresAt: isoTimeSchema,
});
export type OfflineCodeVerifier = z.infer<typeof offlineCodeVerifierSchema>;

export const outOfServiceReasonSchema = z.enum(['maintenance', 'device_fault', 'count', 'facility_emergency']);
export type OutOfServiceReason = z.infer<typeof outOfServiceReasonSchema>;

/** The kiosk's service state, independent of who is signed in or what is on screen. */
export const serviceStateSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('in_service') }),
  z.strictObject({ state: z.literal('locked'), since: isoTimeSchema, by: staffMemberSchema.shape.staffId }),
  z.strictObject({
    state: z.literal('out_of_service'),
    reason: outOfServiceReasonSchema,
    since: isoTimeSchema,
    by: staffMemberSchema.shape.staffId,
  }),
]);
export type ServiceState = z.infer<typeof serviceStateSchema>;

/** Who acts: a staff member at the kiosk or at the console. */
export const staffActorSchema = z.strictObject({
  staffId: staffMemberSchema.shape.staffId,
  where: z.enum(['kiosk', 'console']),
  /** So the kiosk's audit names the actor as `officer:<staffId>` or `technician:<staffId>`. */
  role: staffRoleSchema.optional(),
});
export type StaffActor = z.infer<typeof staffActorSchema>;

/**
 * The staff actions, the same at the kiosk and from the console. Every remote one carries an ID:
 * the kiosk carries it out once however often it is delivered, and acknowledges only after it is
 * applied and stored.
 */
export const staffActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('lock') }),
  z.strictObject({ type: z.literal('unlock') }),
  /** `visitId` when known (the console names the visit it shows); the kiosk refuses a different one. */
  z.strictObject({ type: z.literal('end_visit'), visitId: visitIdSchema.optional() }),
  z.strictObject({ type: z.literal('reset') }),
  z.strictObject({ type: z.literal('set_out_of_service'), reason: outOfServiceReasonSchema }),
  z.strictObject({ type: z.literal('set_in_service') }),
  z.strictObject({ type: z.literal('show_message'), text: z.string().min(1).max(500) }),
  /** Main closes cleanly and its supervisor starts it again (systemd on a kiosk, `npm start` here). */
  z.strictObject({ type: z.literal('restart_app') }),
  /**
   * The kiosk's computer restarts (through systemd-logind), for what restarting the app does not
   * cure: a wedged driver, a device that needs a new boot. From the console only.
   */
  z.strictObject({ type: z.literal('reboot') }),
]);
export type StaffAction = z.infer<typeof staffActionSchema>;
export type StaffActionType = StaffAction['type'];

/** Why a kiosk refuses an action; the console shows each in words. */
export const staffActionRefusalSchema = z.enum([
  'no_visit_in_progress',
  'other_visit_in_progress',
  'already_locked',
  'not_locked',
  'already_out_of_service',
  'not_out_of_service',
  'not_permitted',
  /** A restart or a reboot would cut the call: staff end the visit first. */
  'visit_in_progress',
  /** This host cannot restart itself, or its OS session does not let it reboot the computer. */
  'not_supported',
]);
export type StaffActionRefusal = z.infer<typeof staffActionRefusalSchema>;

/** A command to many kiosks at once, per housing unit: count and lockdown. */
export const housingUnitCommandSchema = z.strictObject({
  housingUnitId: housingUnitIdSchema,
  action: staffActionSchema,
});
export type HousingUnitCommand = z.infer<typeof housingUnitCommandSchema>;

/** A staff session token (kiosk or console): a bearer token of the server's. */
export const staffSessionSchema = z.strictObject({
  token: bearerTokenSchema,
  expiresAt: isoTimeSchema,
  staff: staffMemberSchema,
});
export type StaffSession = z.infer<typeof staffSessionSchema>;

/** The audit action a kiosk records (and the server ingests) when an offline code is used. */
export const offlineCodeUsedAction = 'staff.offline_code_used';
