import { z } from 'zod';
import { deviceHealthSchema, mediaRoleSchema } from '../contract/devices';
import { mediaCheckResultSchema } from '../contract/media-check';
import { hostKindSchema, isoTimeSchema, kioskIdSchema } from './common';
import { serviceStateSchema, staffActorSchema, staffMemberSchema } from './staff';
import { storeHealthSchema } from './store-health';

/** How many log lines a bundle carries, and how long each may be once redacted. */
export const diagnosticsLogLines = 200;
export const diagnosticsLogLineChars = 1000;

const versionSchema = z.string().min(1).max(50);

/**
 * What a kiosk tells the desk about itself when asked: enough to tell a broken kiosk from a busy
 * one without a walk to the wall. Nothing personal: log lines are redacted of credentials and of
 * people's names and IDs before they leave the kiosk.
 */
export const diagnosticsBundleSchema = z.strictObject({
  collectedAt: isoTimeSchema,
  appVersion: versionSchema,
  runtime: z.strictObject({
    host: hostKindSchema,
    node: versionSchema,
    /** Null under the preview host, which has no Electron. */
    electron: versionSchema.nullable(),
    chrome: versionSchema.nullable(),
    platform: z.string().min(1).max(50),
    arch: z.string().min(1).max(50),
  }),
  uptimeSeconds: z.number().int().nonnegative(),
  screen: z.string().min(1).max(50),
  service: serviceStateSchema,
  store: storeHealthSchema,
  /** The store's file with its write-ahead log; null when it could not be read. Optional: earlier kiosks did not send it. */
  storeBytes: z.number().int().nonnegative().nullable().optional(),
  /** Of the data folder's file system; null when the platform would not say. */
  disk: z.strictObject({ freeBytes: z.number().nonnegative(), totalBytes: z.number().nonnegative() }).nullable(),
  outbox: z.strictObject({
    pending: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    oldestPendingAt: isoTimeSchema.nullable(),
    /** Seconds the oldest undelivered record has waited, on the kiosk's clock at collection. */
    oldestPendingAgeSeconds: z.number().int().nonnegative().nullable(),
    lastDeliveredAt: isoTimeSchema.nullable(),
  }),
  /** Each provisioned role's health (the heartbeat folds them into camera, microphone, ...). */
  devices: z.partialRecord(z.enum([...mediaRoleSchema.options, 'hook']), deviceHealthSchema),
  /** The last network and media check (first boot's, or a technician's since); optional: earlier kiosks did not send it. */
  lastMediaCheck: mediaCheckResultSchema.nullable().optional(),
  log: z.strictObject({
    /** The newest lines last, each redacted and cut to `diagnosticsLogLineChars`. */
    lines: z.array(z.string().max(diagnosticsLogLineChars)).max(diagnosticsLogLines),
    /** Why no lines could be read (no log folder yet, a file that cannot be read); null when they were. */
    unreadable: z.string().max(200).nullable(),
  }),
});
export type DiagnosticsBundle = z.infer<typeof diagnosticsBundleSchema>;

/** The server asks a kiosk for a bundle: an ID for both sides' audit, and the staff member asking. */
export const diagnosticsRequestSchema = z.strictObject({
  id: z.uuid(),
  by: staffActorSchema.nullable(),
});
export type DiagnosticsRequest = z.infer<typeof diagnosticsRequestSchema>;

/** A bundle as the server keeps it and the console shows it. */
export const storedDiagnosticsSchema = z.strictObject({
  id: z.uuid(),
  kioskId: kioskIdSchema,
  /** Null for the server's own admin API. */
  requestedBy: staffMemberSchema.shape.staffId.nullable(),
  requestedAt: isoTimeSchema,
  receivedAt: isoTimeSchema,
  sizeBytes: z.number().int().nonnegative(),
  bundle: diagnosticsBundleSchema,
});
export type StoredDiagnostics = z.infer<typeof storedDiagnosticsSchema>;

/** What became of one request for a bundle, as the console shows it. */
export const diagnosticsOutcomeSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('collected'), diagnostics: storedDiagnosticsSchema }),
  /** Not connected when asked: said at once, never queued. */
  z.strictObject({ status: z.literal('offline') }),
  /** Connected, but no valid bundle came back (timeout, disconnect, a kiosk that could not collect). */
  z.strictObject({ status: z.literal('failed') }),
]);
export type DiagnosticsOutcome = z.infer<typeof diagnosticsOutcomeSchema>;
