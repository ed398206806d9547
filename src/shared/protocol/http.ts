import { z } from 'zod';
import {
  bearerTokenSchema,
  displayNameSchema,
  housingUnitIdSchema,
  inmateIdSchema,
  isoTimeSchema,
  kioskIdSchema,
  visitIdSchema,
} from './common';
import { visitLedgerPayloadSchema } from './outbox';
import { commandOutcomeSchema } from './console';
import { staffActionSchema, staffMemberSchema, staffNumberSchema, staffPinSchema, staffRoleSchema } from './staff';
import { visitorCodeSchema } from './visit';

/** The server's few plain HTTP endpoints, shared by the server and the kiosk's enrolment step. */

export const enrolPath = '/api/enrol';

/**
 * The path of an HTTP request target, still percent-encoded; undefined when the target is not a
 * URL at all, which only a broken or hostile client sends.
 */
export function requestPathname(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? '/', 'http://host').pathname;
  } catch {
    return undefined;
  }
}
export const healthPath = '/healthz';

/** POST `/api/enrol`: trade a one-time (or, for the demo, reusable) enrolment code for a kiosk identity. */
export const enrolRequestSchema = z.strictObject({ code: z.string().min(4).max(64) });
export const enrolResponseSchema = z.strictObject({
  kioskId: kioskIdSchema,
  /** Sent once; the server keeps only its hash. The kiosk stores it and presents it in every handshake. */
  token: bearerTokenSchema,
  housingUnit: z.strictObject({ id: housingUnitIdSchema, name: z.string().min(1).max(100) }),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

/**
 * POST `/api/admin/enrolment-codes` (staff): issues an enrolment code for a housing unit, shown
 * once. Every code expires, and is random at the server's minimum strength.
 */
export const enrolmentCodesPath = '/api/admin/enrolment-codes';
export const createEnrolmentCodeRequestSchema = z.strictObject({
  housingUnitId: housingUnitIdSchema,
  uses: z.number().int().min(1).max(1000).default(1),
  expiresInMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(24 * 60),
});
export const enrolmentCodeSchema = z.strictObject({
  code: z.string().min(20).max(64),
  housingUnitId: housingUnitIdSchema,
  usesRemaining: z.number().int().positive(),
  expiresAt: isoTimeSchema,
});
export type EnrolmentCode = z.infer<typeof enrolmentCodeSchema>;

export const httpErrorCodeSchema = z.enum([
  'invalid_request',
  'bad_credentials',
  'unauthenticated',
  'not_found',
  'not_connected',
  /** The thing to create exists already (a staff number in use). */
  'conflict',
  /** Staff sign-in: too many wrong PINs for this staff number; `retryAfterSeconds` says when to try again. */
  'locked_out',
  /** A staff member whose role may not do what was asked. */
  'not_permitted',
  'method_not_allowed',
  'payload_too_large',
  /** Throttled: the `Retry-After` header and `retryAfterSeconds` say when to try again. */
  'too_many_requests',
  /** The update feed offers this kiosk nothing: none published for its channel, or the version is marked bad. */
  'no_update',
  'internal',
]);
export const httpErrorSchema = z.strictObject({
  error: z.strictObject({
    code: httpErrorCodeSchema,
    message: z.string().max(500),
    retryAfterSeconds: z.number().int().positive().optional(),
  }),
});
export type HttpError = z.infer<typeof httpErrorSchema>;

/**
 * GET `/api/hello` (no credentials): tells a kiosk being set up that this is a visitation server and
 * which versions of the kiosk protocol it speaks, before the kiosk sends it anything of its own.
 */
export const helloPath = '/api/hello';
/** The kiosk protocol version this build speaks: the control channel, the media signalling and these endpoints. */
export const kioskProtocolVersion = 1;
export const visitationServerKind = 'visitation-server';
/** Not strict: a newer server may say more, and a kiosk must still recognise it to report its versions. */
export const helloResponseSchema = z.object({
  service: z.literal(visitationServerKind),
  protocolVersions: z.array(z.number().int().positive()).min(1).max(20),
});
export type HelloResponse = z.infer<typeof helloResponseSchema>;

/** GET `/healthz`: 200 when every media worker is alive, 503 otherwise. */
export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  uptimeSeconds: z.number().nonnegative(),
  workers: z.strictObject({ alive: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  rooms: z.number().int().nonnegative(),
  kiosksConnected: z.number().int().nonnegative(),
});
export type Health = z.infer<typeof healthSchema>;

/**
 * POST `/api/admin/visits` (staff): schedules a visit, standing in for a facility's scheduling
 * system; tests use it for visits that end within seconds.
 */
export const scheduleVisitRequestSchema = z
  .strictObject({
    inmateId: inmateIdSchema,
    visitor: z.strictObject({ firstName: displayNameSchema, lastName: displayNameSchema }),
    startsAt: isoTimeSchema,
    endsAt: isoTimeSchema,
    privileged: z.boolean().default(false),
    /** The visitor or the inmate signs: the call keeps the frame rate over resolution. */
    signLanguage: z.boolean().default(false),
  })
  .refine(({ startsAt, endsAt }) => Date.parse(endsAt) > Date.parse(startsAt), {
    message: 'a visit ends after it starts',
    path: ['endsAt'],
  });
export const scheduledVisitSchema = z.strictObject({
  visitId: visitIdSchema,
  /** Shown once; the server keeps only its hash. */
  visitorCode: visitorCodeSchema,
  startsAt: isoTimeSchema,
  endsAt: isoTimeSchema,
});
export type ScheduledVisit = z.infer<typeof scheduledVisitSchema>;

const seconds = z.number().nonnegative();

/** GET `/api/admin/visits/<visitId>/ledger` (staff): the server's connected seconds next to the kiosk's. */
export const visitLedgerReportSchema = z.strictObject({
  visitId: visitIdSchema,
  server: z.strictObject({
    /** Seconds media flowed both ways, as the server saw it. */
    connectedSeconds: seconds,
    flowing: z.boolean(),
    /** Seconds each side spent in the visit's room, media or not, over the stays that have ended. */
    roomSeconds: z.strictObject({ inmate: seconds, visitor: seconds }),
  }),
  /** The kiosk's latest ledger for the visit (its final one once that arrived); null before any. */
  kiosk: z
    .strictObject({ kioskId: kioskIdSchema, createdAt: isoTimeSchema, ledger: visitLedgerPayloadSchema })
    .nullable(),
  /** The kiosk's connected seconds minus the server's; null without a kiosk ledger. */
  differenceSeconds: z.number().nullable(),
});
export type VisitLedgerReport = z.infer<typeof visitLedgerReportSchema>;

/** POST (admin token): a staff account for a facility's officer or technician. */
export const staffPath = '/api/admin/staff';
export const createStaffRequestSchema = z.strictObject({
  staffNumber: staffNumberSchema,
  displayName: displayNameSchema,
  role: staffRoleSchema,
  pin: staffPinSchema,
  /** Where the person usually works; null for the whole facility. */
  housingUnitId: housingUnitIdSchema.nullable().default(null),
});
export type CreateStaffRequest = z.input<typeof createStaffRequestSchema>;
export const createStaffResponseSchema = staffMemberSchema;

/**
 * POST `/api/admin/housing-units/<id>/commands` (admin token): one action to every kiosk of the
 * unit, answered per kiosk once each has answered or was found offline.
 */
export const housingUnitCommandRequestSchema = z.strictObject({ action: staffActionSchema });
export const housingUnitCommandResponseSchema = z.strictObject({ results: z.array(commandOutcomeSchema) });
