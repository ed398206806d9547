import { z } from 'zod';
import { isoTimeSchema, visitIdSchema } from '../protocol/common';

/**
 * The network and media check (first boot's check step): what the kiosk's renderer measured in a
 * short test call through its echo room on the server, and what main judged from it. The renderer
 * measures; main judges (`judgeMediaCheck`), so only a judgement main made is stored.
 */

export const mediaPathSchema = z.enum(['udp', 'tcp']);
export type MediaPath = z.infer<typeof mediaPathSchema>;

export const mediaCheckMeasurementSchema = z.strictObject({
  /** The echo room's name from `mediaCheck.open`: a report of another check is ignored. */
  checkId: visitIdSchema,
  /** Whether the renderer got into the echo room, or how signalling failed. */
  room: z.enum(['joined', 'refused', 'unreachable']),
  /** The camera gave a live video track to send. */
  cameraLive: z.boolean(),
  /** The protocol of the ICE candidate pair in use (read from getStats); null when ICE found none. */
  path: mediaPathSchema.nullable(),
  /** Of the selected candidate pair, kiosk -> server -> kiosk; null until measured. */
  roundTripMs: z.number().nonnegative().max(60_000).nullable(),
  packetsReceived: z.number().int().nonnegative(),
  packetsLost: z.number().int().nonnegative(),
  framesDecoded: z.number().int().nonnegative(),
  /** The lowest video bitrate over any one second of the measuring window; null without a second of video. */
  videoBitrateKbps: z.number().nonnegative().max(1_000_000).nullable(),
  /** From asking for the check to the last sample. */
  durationMs: z.number().int().nonnegative().max(300_000),
});
export type MediaCheckMeasurement = z.infer<typeof mediaCheckMeasurementSchema>;

/** Why the check refuses to let setup finish, each said in words on the screen. */
export const mediaCheckFailureSchema = z.enum([
  /** The server could not be reached to open a check, or its media signalling could not. */
  'unreachable',
  /** The server would not open a check for this kiosk (or refused its ticket). */
  'server_refused',
  /** No camera, or one that gave no picture. */
  'no_camera_frames',
  /** ICE found no path to the server's media, neither UDP nor TCP. */
  'no_media_path',
  /** A path was found, but none of the kiosk's media came back through the server. */
  'media_blocked',
]);
export type MediaCheckFailure = z.infer<typeof mediaCheckFailureSchema>;

export const mediaCheckResultSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** `tcp`: UDP is blocked on the way; calls work but recover from loss less well. */
    path: mediaPathSchema,
    roundTripMs: z.number().int().nonnegative().nullable(),
    packetLossPercent: z.number().nonnegative().max(100),
    videoBitrateKbps: z.number().int().nonnegative(),
    durationMs: z.number().int().nonnegative(),
    checkedAt: isoTimeSchema,
  }),
  z.strictObject({
    ok: z.literal(false),
    failure: mediaCheckFailureSchema,
    checkedAt: isoTimeSchema,
  }),
]);
export type MediaCheckResult = z.infer<typeof mediaCheckResultSchema>;

/** The judgement of one measurement: the first thing missing on the way out and back is what failed. */
export function judgeMediaCheck(measurement: MediaCheckMeasurement, checkedAt: string): MediaCheckResult {
  const failed = (failure: MediaCheckFailure): MediaCheckResult => ({ ok: false, failure, checkedAt });
  if (measurement.room === 'unreachable') return failed('unreachable');
  if (measurement.room === 'refused') return failed('server_refused');
  // Without a picture to send there is nothing to measure the path with.
  if (!measurement.cameraLive) return failed('no_camera_frames');
  if (measurement.path === null) return failed('no_media_path');
  if (measurement.packetsReceived === 0) return failed('media_blocked');
  if (measurement.framesDecoded === 0 || measurement.videoBitrateKbps === null) return failed('no_camera_frames');
  const sent = measurement.packetsReceived + measurement.packetsLost;
  return {
    ok: true,
    path: measurement.path,
    roundTripMs: measurement.roundTripMs === null ? null : Math.round(measurement.roundTripMs),
    packetLossPercent: Math.round((measurement.packetsLost / sent) * 1000) / 10,
    videoBitrateKbps: Math.round(measurement.videoBitrateKbps),
    durationMs: measurement.durationMs,
    checkedAt,
  };
}

/** One reading of the echoed video: total bytes received by then, at a time in milliseconds. */
export interface VideoBytesSample {
  at: number;
  videoBytes: number;
}

/**
 * The video bitrate that held: the lowest rate, in kbit/s, over any span of at least `spanMs`
 * between two samples. Null when the samples do not cover one such span.
 */
export function heldVideoBitrateKbps(samples: readonly VideoBytesSample[], spanMs = 1000): number | null {
  let lowest: number | null = null;
  for (const [index, from] of samples.entries()) {
    const to = samples.slice(index + 1).find((later) => later.at - from.at >= spanMs);
    if (to === undefined) break;
    const kbps = (Math.max(0, to.videoBytes - from.videoBytes) * 8) / (to.at - from.at);
    lowest = lowest === null ? kbps : Math.min(lowest, kbps);
  }
  return lowest;
}
