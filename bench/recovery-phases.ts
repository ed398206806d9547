import type { Page } from '@playwright/test';
import { receivedMedia } from '../tests/e2e/support/visitation';

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
  firstFrame: number;
}

/** Polls the page's receive totals from the restore until a new frame is decoded. */
export async function measureRecovery(
  page: Page,
  trace: readonly CallTrace[],
  cutAt: number,
  restoredAt: number,
  timeoutMs: number,
): Promise<RecoveryPhases> {
  let previous = await receivedMedia(page);
  let firstPacket: number | undefined;
  for (;;) {
    const now = Date.now();
    if (now - restoredAt > timeoutMs) throw new Error(`no new video frame within ${timeoutMs} ms of the restore`);
    const current = await receivedMedia(page);
    // A rebuilt transport counts from zero: a lower total with something in it is new media too.
    const grew = (field: 'audioBytes' | 'framesDecoded'): boolean =>
      current[field] > previous[field] || (current[field] < previous[field] && current[field] > 0);
    if (firstPacket === undefined && (grew('audioBytes') || grew('framesDecoded'))) firstPacket = now - restoredAt;
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
    ...part('first frame', phases.firstFrame),
  ].join(', ');
}
