import type { ProducerCodecOptions, RtpEncodingParameters } from 'mediasoup-client/types';
import type { MediaKind } from '../protocol/media';

/**
 * What both ends of a visit capture and how they send it: the kiosk and the visitor page take their
 * constraints and encodings from here, so the SFU sees the same layers from either side.
 */

/**
 * The size part of a camera's constraints, and what an encoder gives up first: the DOM's own types,
 * declared here because this module is compiled for Node (the server's tests) as well.
 */
export interface CaptureSize {
  width?: { ideal: number };
  height?: { ideal: number };
  frameRate?: { ideal: number };
}
export type DegradationPreference = 'balanced' | 'maintain-framerate' | 'maintain-resolution';

/**
 * 720p at 30 fps, asked as `ideal`: a camera that cannot give it opens at the nearest mode it has
 * instead of failing. 720p is the top simulcast layer, so a larger capture would only be scaled down.
 */
export const hdVideoCapture: CaptureSize = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

/**
 * Errors of a camera that refused the asked mode rather than being missing or forbidden: some
 * drivers answer an HD request with NotReadableError where another mode opens, and a user agent may
 * still throw OverconstrainedError. Anything else (NotFoundError, NotAllowedError) is final.
 */
const modeRefusals = new Set(['OverconstrainedError', 'NotReadableError']);

/**
 * Opens the camera at 720p, and again at whatever it gives when it refused that mode: a visit is
 * never failed because the camera has no 720p. `open` gets the size constraints to merge with its own.
 */
export async function openWithHdFallback<T>(open: (size: CaptureSize) => Promise<T>): Promise<T> {
  try {
    return await open(hdVideoCapture);
  } catch (error) {
    if (!(error instanceof Error) || !modeRefusals.has(error.name)) throw error;
    return open({});
  }
}

export interface SendPlanOptions {
  /** The visit is flagged for sign language: frame rate matters more than resolution. */
  signLanguage: boolean;
}

export interface SendPlan {
  encodings: RtpEncodingParameters[];
  codecOptions?: ProducerCodecOptions;
  /** Set on the RTCRtpSender once it exists (mediasoup-client has no option for it). */
  degradationPreference?: DegradationPreference;
}

/**
 * Three simulcast layers of the 720p capture: 320x180, 640x360 and 1280x720. The bitrates are where
 * VP8 looks clean at each size at 30 fps (≈150 kbps for 180p, 500 kbps for 360p, 1.8 Mbps for
 * 720p); together with Opus they fit in 2.5 Mbps, so a 4 Mbps link carries the full picture and the
 * SFU can hand a phone on 300 kbps the 180p layer without asking the kiosk to send less for anyone.
 * L1T3 gives each layer three temporal layers, so the SFU can drop frame rate within a layer before
 * dropping to the next one down.
 */
const standardLayers: RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_800_000, scalabilityMode: 'L1T3' },
];

/**
 * Signing is read from the hands' movement, which a lower frame rate blurs away while a smaller
 * picture still carries it. So: one temporal layer (the SFU can drop only resolution, never frames),
 * the encoder told to keep the frame rate, and the lowest layer the SFU may fall back to given
 * enough bitrate (300 kbps, twice the standard plan's, held as the sender's minimum) for 180p at a full 30 fps of moving hands.
 */
const signLanguageMinKbps = 300;
const signLanguageLayers: RtpEncodingParameters[] = [
  {
    scaleResolutionDownBy: 4,
    maxBitrate: signLanguageMinKbps * 1000,
    maxFramerate: 30,
    scalabilityMode: 'L1T1',
  },
  { scaleResolutionDownBy: 2, maxBitrate: 800_000, maxFramerate: 30, scalabilityMode: 'L1T1' },
  { scaleResolutionDownBy: 1, maxBitrate: 2_000_000, maxFramerate: 30, scalabilityMode: 'L1T1' },
];

/**
 * Sound first: Opus with in-band FEC, so a lost packet is rebuilt from the next one instead of
 * concealed. DTX stays off: on a visit the silences are short and what DTX saves (a few kbps) is
 * nothing beside the video it competes with, while DTX clips the first syllable after a pause, and
 * the call and the server judge media flowing by packets arriving, which DTX would thin out.
 * 'high' priority makes the browser give audio its share of the estimate before any video layer,
 * and network priority 'high' marks its packets (DSCP) for networks that honour that.
 */
const audioPlan: SendPlan = {
  encodings: [{ priority: 'high', networkPriority: 'high' }],
  codecOptions: { opusFec: true, opusDtx: false },
};

export function sendPlan(kind: MediaKind, { signLanguage }: SendPlanOptions): SendPlan {
  if (kind === 'audio') return { ...audioPlan, encodings: audioPlan.encodings.map((encoding) => ({ ...encoding })) };
  if (!signLanguage) return { encodings: standardLayers.map((layer) => ({ ...layer })) };
  return {
    encodings: signLanguageLayers.map((layer) => ({ ...layer })),
    codecOptions: { videoGoogleMinBitrate: signLanguageMinKbps },
    degradationPreference: 'maintain-framerate',
  };
}
