import { z } from 'zod';
import { deviceChooserSchema } from './devices';
import { displayNameSchema, housingUnitIdSchema, isoTimeSchema } from '../protocol/common';
import { housingUnitSchema, kioskLocationSchema } from '../protocol/setup';

/**
 * The technician's first-boot steps built so far, in order (the media check will come between
 * devices and done). The step a kiosk reached is kept in its store, so one powered off
 * mid-setup comes back to it; `done` is a provisioned kiosk.
 */
export const setupStepSchema = z.enum(['server', 'technicianSignIn', 'placement', 'devices', 'done']);
export type SetupStep = z.infer<typeof setupStepSchema>;

/** A certificate's SHA-256 fingerprint as Node and browsers print it: 32 upper-case hex bytes, colon-separated. */
export const certificateFingerprintSchema = z
  .string()
  .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'a SHA-256 fingerprint, AB:CD:… (32 bytes)');
export type CertificateFingerprint = z.infer<typeof certificateFingerprintSchema>;

/** What the technician types: a host name or address, with or without `https://` and a port. */
export const serverAddressSchema = z.string().min(1).max(300);

/** Why a server address was not accepted, each in words a technician can act on (the screen says which). */
export const serverCheckFailureSchema = z.enum([
  /** Not a host name or address the kiosk can use (a path, spaces, an unknown scheme). */
  'invalid_address',
  /** Plain http beyond loopback (`policy/server-url.ts`). */
  'not_secure',
  /** The name server says the name does not exist. */
  'dns_not_found',
  /** No name server answered. */
  'dns_unavailable',
  /** No network path to the address (no route to host or network). */
  'no_route',
  /** Nothing answered within the bounded wait. */
  'timed_out',
  /** The machine answered, but nothing listens on that port. */
  'refused',
  /** The connection opened and was then cut before an answer. */
  'connection_lost',
  /** The certificate is not signed by an authority the kiosk trusts (self-signed, unknown issuer). */
  'tls_untrusted',
  'tls_expired',
  /** Its validity starts later: often the kiosk's own clock is wrong. */
  'tls_not_yet_valid',
  /** The certificate is for another name than the one typed. */
  'tls_name_mismatch',
  /** Any other TLS failure, such as a server that does not speak https on that port. */
  'tls_failed',
  /** The certificate is valid but not the one the facility gave. */
  'fingerprint_mismatch',
  /** Something answered, but not a visitation server's hello. */
  'not_a_visitation_server',
  /** A visitation server that does not speak this kiosk's protocol version. */
  'wrong_protocol_version',
]);
export type ServerCheckFailure = z.infer<typeof serverCheckFailureSchema>;

/** A low-level code (`ECONNRESET`, `ERR_TLS_CERT_ALTNAME_INVALID`) for the technician's report, never a message or stack. */
const technicalCodeSchema = z
  .string()
  .regex(/^[A-Z0-9_]{1,60}$/)
  .nullable();

export const serverCheckResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** The address as the kiosk will use it (scheme, host, port). */
    serverUrl: z.url({ protocol: /^https?$/ }),
    /** The certificate's, for https; null for plain http on loopback. */
    fingerprint: certificateFingerprintSchema.nullable(),
    protocolVersion: z.number().int().positive(),
  }),
  z.strictObject({
    ok: z.literal(false),
    reason: serverCheckFailureSchema,
    code: technicalCodeSchema,
    /** For `wrong_protocol_version`: what the server speaks; otherwise empty. */
    serverVersions: z.array(z.number().int().positive()).max(20),
    /** For a certificate the kiosk read (a fingerprint mismatch): its fingerprint, to compare. */
    fingerprint: certificateFingerprintSchema.nullable(),
  }),
]);
export type ServerCheckResult = z.infer<typeof serverCheckResultSchema>;

/** The server step: waiting for an address, checking one (with the bounded wait's end), or its result. */
export const serverStepSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('idle'), address: serverAddressSchema.nullable() }),
  z.strictObject({
    status: z.literal('checking'),
    address: serverAddressSchema,
    /** When the check gives up, on this machine's clock: the screen counts down to it. */
    deadline: isoTimeSchema,
  }),
  z.strictObject({ status: z.literal('checked'), address: serverAddressSchema, result: serverCheckResultSchema }),
]);
export type ServerStep = z.infer<typeof serverStepSchema>;

/** Why the server did not open a setup session, each said in words on the screen. */
export const technicianSignInFailureSchema = z.strictObject({
  reason: z.enum([
    'bad_credentials',
    /** Too many wrong PINs for the staff number: `retryAt` says when it lifts. */
    'locked_out',
    /** Too many wrong sign-ins from this kiosk: `retryAt` says when to try again. */
    'too_many_attempts',
    /** The PIN was right, but the person is not a technician (an officer). */
    'not_technician',
    'unreachable',
    /** The server answered, but not as a visitation server does. */
    'server_error',
    /** The setup session lapsed (placement took too long, or the kiosk was off): sign in again. */
    'session_expired',
  ]),
  retryAt: isoTimeSchema.nullable(),
});
export type TechnicianSignInFailure = z.infer<typeof technicianSignInFailureSchema>;

export const technicianSignInStepSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('idle'), failure: technicianSignInFailureSchema.nullable() }),
  z.strictObject({ status: z.literal('signingIn') }),
]);
export type TechnicianSignInStep = z.infer<typeof technicianSignInStepSchema>;

/** Why placing the kiosk did not go through; each said in words, and the units can be asked for again. */
export const placementFailureSchema = z.enum([
  'unreachable',
  'server_error',
  /** The unit chosen was removed on the server meanwhile: the list is fresh, pick again. */
  'unit_gone',
  /** The server refused the location's name. */
  'invalid_location',
]);
export type PlacementFailure = z.infer<typeof placementFailureSchema>;

/** The placement step: asking for the units, choosing one and naming the place, or enrolling. */
export const placementStepSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('loading') }),
  z.strictObject({
    status: z.literal('ready'),
    /** Empty when the list could not be had (`failure` says why). */
    housingUnits: z.array(housingUnitSchema).max(500),
    failure: placementFailureSchema.nullable(),
  }),
  z.strictObject({ status: z.literal('enrolling'), housingUnitId: housingUnitIdSchema, location: kioskLocationSchema }),
]);
export type PlacementStep = z.infer<typeof placementStepSchema>;

const acceptedServer = {
  serverUrl: z.url({ protocol: /^https?$/ }),
  fingerprint: certificateFingerprintSchema.nullable(),
};

/** What the setup screen draws: the step the kiosk is on and what that step needs. */
export const setupViewSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('server'), server: serverStepSchema }),
  z.strictObject({ step: z.literal('technicianSignIn'), ...acceptedServer, signIn: technicianSignInStepSchema }),
  z.strictObject({
    step: z.literal('placement'),
    ...acceptedServer,
    technician: displayNameSchema,
    placement: placementStepSchema,
  }),
  /** Enrolled: the technician picks the kiosk's camera, microphone, speaker and handset. */
  z.strictObject({
    step: z.literal('devices'),
    technician: displayNameSchema,
    housingUnit: z.string().min(1).max(100),
    location: kioskLocationSchema,
    chooser: deviceChooserSchema,
  }),
  /** Set up: the screen says where the kiosk now belongs while main starts again in service. */
  z.strictObject({
    step: z.literal('done'),
    housingUnit: z.string().min(1).max(100),
    location: kioskLocationSchema,
  }),
]);
export type SetupView = z.infer<typeof setupViewSchema>;
