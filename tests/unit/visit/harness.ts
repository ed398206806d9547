import pino from 'pino';
import { ServerClock } from '../../../src/main/link/server-clock';
import type { VisitLedgerEntry, VisitLedgerInput } from '../../../src/main/store/visit-ledger';
import {
  VisitSession,
  type VisitSessionEvent,
  type VisitSessionOptions,
  type VisitWarning,
} from '../../../src/main/visit/visit-session';
import { FakeTime } from './fake-time';

export const second = 1000;
export const minute = 60 * second;

/** The server's time when the kiosk first hears from it. */
export const serverStart = Date.parse('2026-11-22T14:00:00.000Z');

export interface Harness {
  time: FakeTime;
  clock: ServerClock;
  events: VisitSessionEvent[];
  /** Every ledger write, with the monotonic time it happened at. */
  saves: Array<{ atMs: number; entry: VisitLedgerInput }>;
  /** Every `visit.ledger` record queued for the server. */
  reports: VisitLedgerInput[];
  /** Writes and queueing in the order they happened. */
  writes: string[];
  options: VisitSessionOptions;
  phases(): string[];
  warnings(): VisitWarning[];
  lastSaved(): VisitLedgerInput | undefined;
}

export interface HarnessSetup {
  /** Relative to `serverStart`. */
  opensInMs?: number;
  endsInMs?: number;
  warningSeconds?: readonly number[];
  /** How far the kiosk's wall clock is from the server's (positive: the kiosk is ahead). */
  wallSkewMs?: number;
  save?: (entry: VisitLedgerInput) => void;
  enqueue?: (entry: VisitLedgerInput) => void;
}

/**
 * A session's surroundings on fake clocks: a real `ServerClock` fed one heartbeat answer, and
 * recorders for events, ledger writes and queued records.
 */
export function harness(setup: HarnessSetup = {}): Harness {
  const time = new FakeTime();
  time.wallMs = serverStart + (setup.wallSkewMs ?? 0);
  const clock = new ServerClock(time.monotonic, time.wall);
  clock.sample(time.monotonic(), new Date(serverStart).toISOString());
  const events: VisitSessionEvent[] = [];
  const saves: Harness['saves'] = [];
  const reports: VisitLedgerInput[] = [];
  const writes: string[] = [];
  const options: VisitSessionOptions = {
    window: {
      visitId: 'visit-1',
      opensAt: new Date(serverStart + (setup.opensInMs ?? -minute)).toISOString(),
      endsAt: new Date(serverStart + (setup.endsInMs ?? 30 * minute)).toISOString(),
    },
    warningSeconds: setup.warningSeconds ?? [300, 60],
    serverNow: () => clock.now(),
    monotonic: time.monotonic,
    timer: time,
    ledger: {
      save: (entry) => {
        setup.save?.(entry);
        saves.push({ atMs: time.monotonicMs, entry: structuredClone(entry) });
        writes.push(`save${entry.final ? ' final' : ''}`);
      },
    },
    enqueue: (_type, entry) => {
      setup.enqueue?.(entry);
      reports.push(structuredClone(entry));
      writes.push(`enqueue${entry.final ? ' final' : ''}`);
    },
    onEvent: (event) => events.push(event),
    log: pino({ level: 'silent' }),
  };
  return {
    time,
    clock,
    events,
    saves,
    reports,
    writes,
    options,
    phases: () => events.flatMap((event) => (event.type === 'state' ? [event.state.phase] : [])),
    warnings: () => events.flatMap((event) => (event.type === 'warning' ? [event.warning] : [])),
    lastSaved: () => saves.at(-1)?.entry,
  };
}

export function newSession(h: Harness): VisitSession {
  return new VisitSession(h.options);
}

/** A session for a visit that already has this ledger on the kiosk. */
export function joinedAgain(h: Harness, earlier: VisitLedgerEntry): VisitSession {
  return new VisitSession({ ...h.options, earlier });
}

/** An ISO time on the server's clock, `ms` after `serverStart`. */
export function serverIso(ms: number): string {
  return new Date(serverStart + ms).toISOString();
}
