import { z } from 'zod';
import { deviceChooserSchema } from './devices';
import { displayNameSchema, housingUnitIdSchema, isoTimeSchema } from '../protocol/common';
import { housingUnitSchema, kioskLocationSchema } from '../protocol/setup';
import { mediaCheckResultSchema } from './media-check';

/**
 * The technician's first-boot steps, in order. The step a kiosk reached is kept in its store, so one
 * powered off mid-setup comes back to it; `done` is a provisioned kiosk. From `devices` on the kiosk
 * holds its identity: the check is a test call as the kiosk, with the devices just chosen, and setup
 * finishes only once it passed.
 */
export const setupStepSchema = z.enum(['server', 'technicianSignIn', 'placement', 'devices', 'check', 'done']);
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
    /** The enrolment code typed is unknown, expired or used up. */
    'code_refused',
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

/** What is wrong with one field of a provisioning file (`field` is its name, empty for the file as a whole). */
export const provisioningFileProblemSchema = z.enum([
  'unreadable',
  'too_large',
  'not_json',
  /** Not a JSON object, or an object with none of the fields. */
  'empty',
  'unknown_field',
  'wrong_type',
  'invalid_value',
  /** A field that goes with another (`housingUnit` and `location`) is missing. */
  'missing',
  /** A certificate fingerprint for a plain http address, which has no certificate. */
  'fingerprint_without_https',
]);
export type ProvisioningFileProblem = z.infer<typeof provisioningFileProblemSchema>;

export const provisioningFileIssueSchema = z.strictObject({
  field: z.string().max(100),
  problem: provisioningFileProblemSchema,
});
export type ProvisioningFileIssue = z.infer<typeof provisioningFileIssueSchema>;

const provisioningFilePath = z.string().min(1).max(4096);

/**
 * What became of the zero-touch provisioning file found at start (`provisioning/provisioning-file.ts`):
 * in use, filling in the steps it covers; malformed and not applied at all; stopped at a step whose
 * server refused what it gave; or applied by this kiosk before and so ignored.
 */
export const provisioningFileNoticeSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('applying'), path: provisioningFilePath }),
  z.strictObject({
    status: z.literal('invalid'),
    path: provisioningFilePath,
    issues: z.array(provisioningFileIssueSchema).min(1).max(20),
  }),
  z.strictObject({
    status: z.literal('stopped'),
    path: provisioningFilePath,
    step: z.enum(['server', 'technicianSignIn', 'placement']),
  }),
  z.strictObject({ status: z.literal('alreadyApplied'), path: provisioningFilePath }),
]);
export type ProvisioningFileNotice = z.infer<typeof provisioningFileNoticeSchema>;

/**
 * The network and media check: about to ask the server for an echo room, asking, running the test
 * call (the renderer does, with the ticket for that room), or its last result when it failed.
 */
export const checkStepSchema = z.discriminatedUnion('status', [
  /** `result`: the last check's (at first boot only a failure: a pass goes on to done); null before any. */
  z.strictObject({ status: z.literal('idle'), result: mediaCheckResultSchema.nullable() }),
  z.strictObject({ status: z.literal('opening') }),
  z.strictObject({
    status: z.literal('running'),
    checkId: z.string().min(1).max(100),
    serverUrl: z.url({ protocol: /^https?$/ }),
    /** For the media namespace's handshake: admits this kiosk to its echo room only, until `closesAt`. */
    ticket: z.string().min(20).max(2000),
    closesAt: isoTimeSchema,
  }),
]);
export type CheckStep = z.infer<typeof checkStepSchema>;

/** Where the kiosk was placed, kept from placement so a kiosk restarted during the check still says it. */
export const setupPlacementSchema = z.strictObject({
  housingUnit: z.string().min(1).max(100),
  location: kioskLocationSchema,
});
export type SetupPlacement = z.infer<typeof setupPlacementSchema>;

const acceptedServer = {
  serverUrl: z.url({ protocol: /^https?$/ }),
  fingerprint: certificateFingerprintSchema.nullable(),
};

/** On every step: the provisioning file's notice, null when there is none. */
const fileNotice = { provisioningFile: provisioningFileNoticeSchema.nullable() };

/** What the setup screen draws: the step the kiosk is on and what that step needs. */
export const setupViewSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('server'), ...fileNotice, server: serverStepSchema }),
  z.strictObject({
    step: z.literal('technicianSignIn'),
    ...fileNotice,
    ...acceptedServer,
    signIn: technicianSignInStepSchema,
  }),
  z.strictObject({
    step: z.literal('placement'),
    ...fileNotice,
    ...acceptedServer,
    /** Null when the facility's enrolment code opened the setup rather than a technician. */
    technician: displayNameSchema.nullable(),
    placement: placementStepSchema,
  }),
  /** Enrolled: the technician picks the kiosk's camera, microphone, speaker and handset. */
  z.strictObject({
    step: z.literal('devices'),
    ...fileNotice,
    /** Null when the facility's enrolment code opened the setup rather than a technician. */
    technician: displayNameSchema.nullable(),
    ...setupPlacementSchema.shape,
    chooser: deviceChooserSchema,
  }),
  z.strictObject({ step: z.literal('check'), ...fileNotice, ...setupPlacementSchema.shape, check: checkStepSchema }),
  /** Provisioned: the screen says where the kiosk now belongs and what the check measured while main starts again in service. */
  z.strictObject({
    step: z.literal('done'),
    ...fileNotice,
    ...setupPlacementSchema.shape,
    check: mediaCheckResultSchema,
  }),
]);
export type SetupView = z.infer<typeof setupViewSchema>;
