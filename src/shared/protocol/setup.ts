import { z } from 'zod';
import { bearerTokenSchema, housingUnitIdSchema, isoTimeSchema } from './common';
import { enrolRequestSchema, enrolResponseSchema } from './http';
import { staffMemberSchema, staffNumberSchema, staffPinSchema } from './staff';

/**
 * A technician's first-boot setup of a kiosk over plain HTTP: the kiosk has no identity yet, so
 * the technician's sign-in opens a short-lived setup session whose token lets the kiosk list the
 * housing units and enrol itself in one, and nothing else.
 */

/** POST: staff number and PIN of a technician; a setup token. */
export const setupSignInPath = '/api/setup/sign-in';
export const setupSignInRequestSchema = z.strictObject({ staffNumber: staffNumberSchema, pin: staffPinSchema });
export const setupSessionSchema = z.strictObject({
  /** Sent once; the server keeps only its hash. Presented as `Authorization: Bearer`. */
  token: bearerTokenSchema,
  expiresAt: isoTimeSchema,
  /** Who opened the session; null when it was the facility's enrolment code rather than a technician. */
  technician: staffMemberSchema.nullable(),
});
export type SetupSession = z.infer<typeof setupSessionSchema>;

/**
 * POST: the facility's enrolment code instead of a technician's staff number and PIN, for sites
 * that use them. The session it opens lists only the code's housing unit, and enrolling with it
 * uses one of the code's uses; a code used up, expired or unknown opens nothing.
 */
export const setupCodeSignInPath = '/api/setup/enrolment-code';
export const setupCodeSignInRequestSchema = enrolRequestSchema;

export const housingUnitSchema = z.strictObject({ id: housingUnitIdSchema, name: z.string().min(1).max(100) });
export type HousingUnit = z.infer<typeof housingUnitSchema>;

/** GET (setup token): the facility's housing units, in name order. */
export const setupHousingUnitsPath = '/api/setup/housing-units';
export const setupHousingUnitsResponseSchema = z.strictObject({ housingUnits: z.array(housingUnitSchema).max(500) });

/** Where in its unit a kiosk stands, as a technician names it: printable, trimmed, short. */
export const kioskLocationSchema = z
  .string()
  .trim()
  .min(1, 'name where the kiosk stands')
  .max(60, 'a location is at most 60 characters')
  .regex(/^[\p{L}\p{N} .,'#()/-]+$/u, "letters, digits, spaces and . , ' # ( ) / - only");

/** Where a kiosk is: its unit, and the place in it. */
export const kioskPlacementSchema = z.strictObject({ housingUnit: housingUnitSchema, location: kioskLocationSchema });
export type KioskPlacement = z.infer<typeof kioskPlacementSchema>;

/**
 * POST (setup token): enrols the kiosk in a unit at a location. `requestId` is the kiosk's own,
 * kept until it has stored the answer: asking again with it enrols the same kiosk again (a new
 * token, the old one void), so a kiosk that lost the answer is never enrolled twice.
 */
export const setupEnrolPath = '/api/setup/enrol';
export const setupEnrolRequestSchema = z.strictObject({
  requestId: z.uuid(),
  housingUnitId: housingUnitIdSchema,
  location: kioskLocationSchema,
});
export const setupEnrolResponseSchema = enrolResponseSchema.extend({ location: kioskLocationSchema });
export type SetupEnrolResponse = z.infer<typeof setupEnrolResponseSchema>;
