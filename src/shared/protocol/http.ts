import { z } from 'zod';
import { bearerTokenSchema, housingUnitIdSchema, kioskIdSchema } from './common';

/** The server's few plain HTTP endpoints, shared by the server and the kiosk's enrolment step. */

export const enrolPath = '/api/enrol';
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

export const httpErrorCodeSchema = z.enum([
  'invalid_request',
  'bad_credentials',
  'unauthenticated',
  'not_found',
  'not_connected',
  'method_not_allowed',
  'payload_too_large',
  'internal',
]);
export const httpErrorSchema = z.strictObject({
  error: z.strictObject({ code: httpErrorCodeSchema, message: z.string().max(500) }),
});
export type HttpError = z.infer<typeof httpErrorSchema>;

/** GET `/healthz`: 200 when every media worker is alive, 503 otherwise. */
export const healthSchema = z.strictObject({
  status: z.enum(['ok', 'degraded']),
  uptimeSeconds: z.number().nonnegative(),
  workers: z.strictObject({ alive: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  rooms: z.number().int().nonnegative(),
  kiosksConnected: z.number().int().nonnegative(),
});
export type Health = z.infer<typeof healthSchema>;
