import type { KioskStatus } from '../../shared/protocol/kiosk-status';
import type { Logger } from '../log/logger';
import type { ControlLink } from './control-link';
import type { ServerClock } from './server-clock';

/** How often a kiosk reports between connections; the fleet benchmark simulates kiosks at this pace. */
export const heartbeatIntervalMs = 15_000;

/**
 * Tells the server the kiosk is alive and how it is, at once on every connection and then at a
 * steady pace, and learns the server's time from each answer.
 */
export function startHeartbeat(options: {
  link: ControlLink;
  clock: ServerClock;
  status: () => KioskStatus;
  intervalMs: number;
  /** Subscribes to changes worth a heartbeat at once (a device fault); returns the unsubscribe. */
  beatOn?: (beat: () => void) => () => void;
  log: Logger;
  monotonic?: () => number;
}): () => void {
  const { link, clock, log } = options;
  const monotonic = options.monotonic ?? (() => performance.now());
  const beat = async (): Promise<void> => {
    if (!link.connected) return;
    const sentAt = monotonic();
    const answer = await link.rpc.request('kiosk.heartbeat', { status: options.status() });
    if (answer.ok) clock.sample(sentAt, answer.result.serverTime);
    else log.warn({ code: answer.error.code }, 'heartbeat not answered');
  };
  const stopOnConnect = link.onConnect(() => void beat());
  const stopOnChange = options.beatOn?.(() => void beat()) ?? (() => {});
  const timer = setInterval(() => void beat(), options.intervalMs);
  return () => {
    stopOnConnect();
    stopOnChange();
    clearInterval(timer);
  };
}
