import { performance } from 'node:perf_hooks';
import type { Logger } from '../log/logger';
import { systemTimer, type Timer } from '../store/timer';
import type { VisitLedgerEntry } from '../store/visit-ledger';
import { LedgerAccumulator } from './ledger-accumulator';
import { VisitSession, type VisitSessionEvent, type VisitSessionOptions } from './visit-session';
import type { VisitWindow } from './visit-window';

/** Opens the session of a visit the server let the kiosk join; the kiosk machine's only way to make one. */
export type OpenVisitSession = (
  window: VisitWindow,
  onEvent: (event: VisitSessionEvent) => void,
  resumed?: VisitSessionOptions['resumed'],
) => VisitSession;

export interface VisitSessionDeps {
  /** The store's visit ledger: a visit joined again goes on from the ledger it has. */
  ledger: VisitSessionOptions['ledger'] & { get(visitId: string): VisitLedgerEntry | undefined };
  /** The store's outbox. */
  enqueue: VisitSessionOptions['enqueue'];
  /** The server's clock as the control channel measured it. */
  serverNow: () => number;
  warningSeconds: readonly number[];
  log: Logger;
  timer?: Timer;
  monotonic?: () => number;
}

export function visitSessionOpener(deps: VisitSessionDeps): OpenVisitSession {
  const monotonic = deps.monotonic ?? (() => performance.now());
  return (window, onEvent, resumed) => {
    const earlier = deps.ledger.get(window.visitId);
    return new VisitSession({
      window,
      ...(earlier === undefined ? {} : { earlier }),
      ...(resumed === undefined ? {} : { resumed }),
      onEvent,
      warningSeconds: deps.warningSeconds,
      serverNow: deps.serverNow,
      monotonic,
      timer: deps.timer ?? systemTimer,
      ledger: deps.ledger,
      enqueue: deps.enqueue,
      log: deps.log,
    });
  };
}

export interface InterruptedVisitDeps {
  ledger: { unfinished(): VisitLedgerEntry[] } & VisitSessionOptions['ledger'];
  enqueue: VisitSessionDeps['enqueue'];
  serverNow: () => number;
  log: Logger;
}

/**
 * Visits whose ledger a stopped kiosk left unfinished (`which` of them), other than the one
 * `resumeInterruptedVisit` takes back into its call. The person's session died with main, so
 * nothing goes on by itself; the ledger is closed as it stood (an open drop ends now, the time the
 * kiosk was down is in neither total) and sent, so the server has the kiosk's account even if nobody
 * comes back. Should the person sign in again and rejoin, the new session goes on from it. Queued
 * before it is marked final, as `VisitSession.ended` does, so a crash between sends it again.
 */
export function finishInterruptedVisits(
  { ledger, enqueue, serverNow, log }: InterruptedVisitDeps,
  which: (visitId: string) => boolean = () => true,
): number {
  const unfinished = ledger.unfinished().filter((stored) => which(stored.visitId));
  const now = new Date(serverNow()).toISOString();
  for (const stored of unfinished) {
    const accumulator = new LedgerAccumulator(stored.visitId, stored);
    accumulator.stop(0, now);
    const final = accumulator.entry(0, true);
    enqueue('visit.ledger', final);
    ledger.save(final);
    log.warn({ visitId: stored.visitId }, 'closed the ledger of a visit the kiosk stopped during');
  }
  return unfinished.length;
}
