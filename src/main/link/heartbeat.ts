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
  /**
   * Subscribes to anything that may have changed the status (a device fault, a lock, a visit's
   * state); returns the unsubscribe. A nudge beats at once only when what staff watch differs from
   * the last beat, so a busy source (every snapshot) does not flood the server.
   */
  beatOn?: (nudge: () => void) => () => void;
  /** Told of each status the server acknowledged (an update on trial counts its first healthy beat). */
  onAcknowledged?: (status: KioskStatus) => void;
  log: Logger;
  monotonic?: () => number;
}): () => void {
  const { link, clock, log } = options;
  const monotonic = options.monotonic ?? (() => performance.now());
  let lastWatched: string | undefined;
  const beat = async (): Promise<void> => {
    if (!link.connected) return;
    const sentAt = monotonic();
    const status = options.status();
    lastWatched = watchedPart(status);
    const answer = await link.rpc.request('kiosk.heartbeat', { status });
    if (answer.ok) {
      clock.sample(sentAt, answer.result.serverTime);
      options.onAcknowledged?.(status);
    } else log.warn({ code: answer.error.code }, 'heartbeat not answered');
  };
  const stopOnConnect = link.onConnect(() => void beat());
  const stopOnChange =
    options.beatOn?.(() => {
      if (watchedPart(options.status()) !== lastWatched) void beat();
    }) ?? (() => {});
  const timer = setInterval(() => void beat(), options.intervalMs);
  return () => {
    stopOnConnect();
    stopOnChange();
    clearInterval(timer);
  };
}

/**
 * The status without the counters that move on their own (uptime, outbox depth, today's minutes,
 * which grow through every call): what a change is.
 */
function watchedPart(status: KioskStatus): string {
  const { uptimeSeconds: _uptime, outboxPending: _pending, today: _today, ...watched } = status;
  return JSON.stringify(watched);
}
