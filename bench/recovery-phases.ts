import type { Page } from '@playwright/test';

/** The call's own trace lines (`[call] …` on the page's console), each with when it arrived. */
export interface CallTrace {
  at: number;
  text: string;
}

export function recordCallTrace(page: Page): CallTrace[] {
  const lines: CallTrace[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[call] ')) lines.push({ at: Date.now(), text: text.slice(7) });
  });
  return lines;
}

/**
 * One recovery, in milliseconds from the network's restore (negative: it happened during the cut):
 * the last of each kind of step the call took since the cut, then the first packet and the first new
 * frame the kiosk received. A step the call did not need is undefined.
 */
export interface RecoveryPhases {
  signallingConnected?: number;
  iceRestarted?: number;
  transportConnected?: number;
  firstPacket: number;
  firstVideoPacket: number;
  /** The first keyframe request (PLI or FIR) the kiosk sent for the visitor's video. */
  keyframeAsked?: number;
  firstFrame: number;
}

/** The kiosk's inbound totals over every open peer connection (`watchPeerConnections`). */
interface Inbound {
  audioPackets: number;
  videoPackets: number;
  keyframeRequests: number;
  framesDecoded: number;
}

function readInbound(page: Page): Promise<Inbound> {
  return page.evaluate(async () => {
    const totals = { audioPackets: 0, videoPackets: 0, keyframeRequests: 0, framesDecoded: 0 };
    for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (connection.connectionState === 'closed') continue;
      const report = await connection.getStats();
      report.forEach(
        (entry: {
          type: string;
          kind?: string;
          mid?: string;
          packetsReceived?: number;
          framesDecoded?: number;
          pliCount?: number;
          firCount?: number;
        }) => {
          // mediasoup-client's bandwidth probe is an inbound video stream that never decodes.
          if (entry.type !== 'inbound-rtp' || entry.mid === 'probator') return;
          if (entry.kind === 'audio') totals.audioPackets += entry.packetsReceived ?? 0;
          if (entry.kind !== 'video') return;
          totals.videoPackets += entry.packetsReceived ?? 0;
          totals.keyframeRequests += (entry.pliCount ?? 0) + (entry.firCount ?? 0);
          totals.framesDecoded += entry.framesDecoded ?? 0;
        },
      );
    }
    return totals;
  });
}

/** Polls the page's receive totals from the restore until a new frame is decoded. */
export async function measureRecovery(
  page: Page,
  trace: readonly CallTrace[],
  cutAt: number,
  restoredAt: number,
  timeoutMs: number,
): Promise<RecoveryPhases> {
  let previous = await readInbound(page);
  let firstPacket: number | undefined;
  let firstVideoPacket: number | undefined;
  let keyframeAsked: number | undefined;
  for (;;) {
    const now = Date.now();
    if (now - restoredAt > timeoutMs) throw new Error(`no new video frame within ${timeoutMs} ms of the restore`);
    const current = await readInbound(page);
    // A rebuilt transport counts from zero: a lower total with something in it is new media too.
    const grew = (field: keyof Inbound): boolean =>
      current[field] > previous[field] || (current[field] < previous[field] && current[field] > 0);
    if (firstPacket === undefined && (grew('audioPackets') || grew('videoPackets'))) firstPacket = now - restoredAt;
    if (firstVideoPacket === undefined && grew('videoPackets')) firstVideoPacket = now - restoredAt;
    if (keyframeAsked === undefined && grew('keyframeRequests')) keyframeAsked = now - restoredAt;
    if (grew('framesDecoded')) {
      const since = (pattern: RegExp): number | undefined => {
        const last = trace.filter((line) => line.at >= cutAt && line.at <= now && pattern.test(line.text)).at(-1);
        return last === undefined ? undefined : last.at - restoredAt;
      };
      return {
        signallingConnected: since(/^signalling connected/),
        iceRestarted: since(/transport restarting ICE/),
        transportConnected: since(/^recv transport connected/),
        firstPacket: firstPacket ?? now - restoredAt,
        firstVideoPacket: firstVideoPacket ?? now - restoredAt,
        ...(keyframeAsked === undefined ? {} : { keyframeAsked }),
        firstFrame: now - restoredAt,
      };
    }
    previous = current;
    await page.waitForTimeout(25);
  }
}

export function describeRecovery(phases: RecoveryPhases): string {
  const part = (name: string, ms: number | undefined): string[] => (ms === undefined ? [] : [`${name} ${ms}`]);
  return [
    ...part('signalling connected', phases.signallingConnected),
    ...part('ICE restarted', phases.iceRestarted),
    ...part('recv transport connected', phases.transportConnected),
    ...part('first packet', phases.firstPacket),
    ...part('first video packet', phases.firstVideoPacket),
    ...part('keyframe asked', phases.keyframeAsked),
    ...part('first frame', phases.firstFrame),
  ].join(', ');
}
