import {
  heldVideoBitrateKbps,
  type MediaCheckMeasurement,
  type VideoBytesSample,
} from '../../shared/contract/media-check';
import { VisitCall, type ReceiveStats } from '../../shared/call/visit-call';

export interface MediaCheckCallOptions {
  serverUrl: string;
  checkId: string;
  /** The echo room's ticket from main. */
  ticket: string;
  /** The kiosk's camera and microphone as they are open now (`useLocalMedia`); read when the call starts. */
  localStream: () => MediaStream | null;
  onProgress: (progress: MediaCheckProgress) => void;
  signal: AbortSignal;
}

/** What the screen says while the check runs. */
export type MediaCheckProgress = 'camera' | 'connecting' | 'measuring';

/** How long the camera and microphone may take to open before the check goes on without them. */
const mediaOpenMs = 5000;
/** How long the echo may take to come back at all: ICE over TCP after UDP failed takes a few seconds. */
const echoWaitMs = 12_000;
/** The window the figures are measured over once the echo flows. */
const measureMs = 3000;
const sampleMs = 250;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * The check's test call: the visit call's own code (`VisitCall`) in the kiosk's echo room, so the
 * kiosk's media makes the real trip through the SFU and back, and its receive statistics are read
 * as a visit's are. Resolves with what was measured; main judges it.
 */
export async function runMediaCheckCall(options: MediaCheckCallOptions): Promise<MediaCheckMeasurement> {
  const { signal } = options;
  const startedAt = performance.now();
  options.onProgress('camera');
  let stream = options.localStream();
  while (!signal.aborted && performance.now() - startedAt < mediaOpenMs && !hasLiveVideo(stream)) {
    await sleep(sampleMs, signal);
    stream = options.localStream();
  }
  const measurement = (
    stats: ReceiveStats | undefined,
    room: MediaCheckMeasurement['room'],
    samples: VideoBytesSample[],
  ) => ({
    checkId: options.checkId,
    room,
    cameraLive: hasLiveVideo(stream),
    path: stats?.path ?? null,
    roundTripMs: stats === undefined || stats.roundTripSeconds === null ? null : stats.roundTripSeconds * 1000,
    packetsReceived: stats?.packetsReceived ?? 0,
    packetsLost: stats?.packetsLost ?? 0,
    framesDecoded: stats?.framesDecoded ?? 0,
    videoBitrateKbps: heldVideoBitrateKbps(samples),
    durationMs: Math.round(performance.now() - startedAt),
  });
  // Without a picture there is nothing to send the path's measure with.
  if (stream === null || !hasLiveVideo(stream)) return measurement(undefined, 'joined', []);

  const call = new VisitCall({
    serverUrl: options.serverUrl,
    auth: { ticket: options.ticket },
    localStream: stream,
    hangUpReason: 'hung_up_by_inmate',
    // Read from `call.state` at each sample.
    onState: () => {},
  });
  options.onProgress('connecting');
  call.start();
  const samples: VideoBytesSample[] = [];
  let stats: ReceiveStats | undefined;
  let measuringSince: number | undefined;
  try {
    const connectingSince = performance.now();
    while (!signal.aborted) {
      await sleep(sampleMs, signal);
      if (call.state.phase === 'refused') return measurement(stats, 'refused', samples);
      stats = (await call.receiveStats().catch(() => undefined)) ?? stats;
      const now = performance.now();
      if (measuringSince === undefined && stats !== undefined && stats.videoBytesReceived > 0) {
        measuringSince = now;
        options.onProgress('measuring');
      }
      if (measuringSince !== undefined && stats !== undefined) {
        samples.push({ at: now, videoBytes: stats.videoBytesReceived });
        if (now - measuringSince >= measureMs) break;
      } else if (now - connectingSince > echoWaitMs) {
        break;
      }
    }
    // In the room is what tells a server that answered from one that did not.
    const { phase } = call.state;
    const joined = phase === 'in_call' || phase === 'waiting' || stats !== undefined;
    return measurement(stats, joined ? 'joined' : 'unreachable', samples);
  } finally {
    call.close();
  }
}

function hasLiveVideo(stream: MediaStream | null): boolean {
  return stream?.getVideoTracks().some((track) => track.readyState === 'live') ?? false;
}
