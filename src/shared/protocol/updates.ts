import { z } from 'zod';
import { isoTimeSchema } from './common';

/**
 * The update feed: electron-builder's `latest-linux.yml` as electron-updater's generic provider
 * reads it, served by the kiosk's own visitation server under `updatesPath`, and the reports a
 * kiosk sends back about what an update did.
 */
export const updatesPath = '/api/updates';
export const updateReportsPath = `${updatesPath}/reports`;

/** Set per housing unit on the server; a kiosk cannot choose its own. */
export const updateChannelSchema = z.enum(['stable', 'pilot']);
export type UpdateChannel = z.infer<typeof updateChannelSchema>;

/** electron-builder's file name for each channel's feed (`latest` is its name for the default channel). */
export const feedFileOf: Record<UpdateChannel, string> = { stable: 'latest-linux.yml', pilot: 'pilot-linux.yml' };

export const semverSchema = z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z.-]{1,40})?$/, 'not a version');
/** A file name in the feed's folder: no path, nothing hidden. */
export const updateFileNameSchema = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/, 'not a file name');
const sha512Schema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'not a base64 SHA-512');

// Not strict: electron-builder adds fields of its own (blockMapSize, isAdminRightsRequired, ...).
export const updateFeedSchema = z.object({
  version: semverSchema,
  files: z
    .array(z.object({ url: updateFileNameSchema, sha512: sha512Schema, size: z.number().int().positive() }))
    .min(1),
  path: updateFileNameSchema,
  sha512: sha512Schema,
  releaseDate: z.string().min(1),
  /** electron-updater's staged rollout: the share of kiosks (0-100) offered this version. Absent: all. */
  stagingPercentage: z.number().min(0).max(100).optional(),
});
export type UpdateFeed = z.infer<typeof updateFeedSchema>;

/** What a kiosk tells the server an update did; `id` makes a resent report count once. */
export const updateReportSchema = z.strictObject({
  id: z.uuid(),
  version: semverSchema,
  /** Installed and healthy; rolled back after a failed start; rolled back after crashing repeatedly. */
  outcome: z.enum(['installed', 'failed_start', 'crashed_repeatedly']),
  /** The version the kiosk runs after this report's event. */
  running: semverSchema,
  at: isoTimeSchema,
});
export type UpdateReport = z.infer<typeof updateReportSchema>;

export const updateReportAckSchema = z.strictObject({
  id: z.uuid(),
  /** True once the version is marked bad for the whole fleet (now or earlier). */
  badForFleet: z.boolean(),
});

export const updateChannelRequestSchema = z.strictObject({ channel: updateChannelSchema });

/** Where a kiosk's update stands, as its heartbeat reports it and the officer console shows it. */
export const updatePhaseSchema = z.enum(['idle', 'downloading', 'ready', 'installing', 'trial']);
export const updateStatusSchema = z.strictObject({
  phase: updatePhaseSchema,
  /** The version being downloaded, waiting to install, installing or on trial; null when idle. */
  target: semverSchema.nullable(),
  /** The last thing that went wrong, in the kiosk's own code (`checksum_mismatch`, `rolled_back`, ...). */
  lastError: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .nullable(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;
