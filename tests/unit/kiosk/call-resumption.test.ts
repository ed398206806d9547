import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { resumeInterruptedVisit, type CallResumptionDeps } from '../../../src/main/kiosk/call-resumption';
import { KioskMachine } from '../../../src/main/kiosk/kiosk-machine';
import type { ResumeResult, VisitationService } from '../../../src/main/kiosk/visitation-service';
import { openStore, type Store } from '../../../src/main/store/store';
import { VisitSession } from '../../../src/main/visit/visit-session';
import { visitSessionOpener } from '../../../src/main/visit/visit-sessions';
import type { VisitSummary } from '../../../src/shared/contract/kiosk';
import { harness, minute, second, serverIso, serverStart, type Harness } from '../visit/harness';

const log = pino({ level: 'silent' });
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const summary: VisitSummary = {
  visitId: 'visit-1',
  visitorName: 'Maria G.',
  startsAt: serverIso(0),
  endsAt: serverIso(30 * minute),
  opensAt: serverIso(-10 * minute),
  privileged: false,
  status: 'open',
};
const media = { serverUrl: 'https://visits.example', ticket: 'x'.repeat(40) };

/**
 * A kiosk that ran a call for 90.7 s and died (no close, no final: only what was written survives),
 * its ledger dated by `ledgerClock` (the server's clock as it measured it, unless a test says not).
 */
function crashedInCall(ledgerClock?: (h: Harness) => () => number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-resume-'));
  dirs.push(dir);
  const h = harness({ wallSkewMs: 3 * 60 * minute });
  const store = openStore({ dir, log, serverNow: ledgerClock?.(h) ?? (() => h.clock.now()) });
  h.options.ledger = store.ledger;
  h.options.enqueue = store.outbox.enqueue.bind(store.outbox);
  const session = new VisitSession(h.options);
  session.start();
  session.mediaUp();
  h.time.advance(90 * second + 700);
  store.close();
  return dir;
}

/** The restarted kiosk, `serverMs` after `serverStart` on the server's clock, its own clock two hours behind. */
function restarted(dir: string, serverMs: number, answer: ResumeResult) {
  const h = harness({ wallSkewMs: -2 * 60 * minute });
  h.clock.sample(h.time.monotonic(), serverIso(serverMs));
  const store: Store = openStore({ dir, log, serverNow: () => h.clock.now() });
  const signedOut: string[] = [];
  const service: VisitationService = {
    signIn: async () => ({ ok: false, failure: { reason: 'server_unavailable', retryAt: null } }),
    listVisits: async () => undefined,
    joinVisit: async () => ({ ok: false, reason: 'server_unavailable' }),
    endVisit: async () => {},
    signOut: async (token) => void signedOut.push(token),
    resumeVisit: async () => answer,
  };
  const enqueue = store.outbox.enqueue.bind(store.outbox);
  const machine = new KioskMachine({
    service,
    serverNow: () => h.clock.now(),
    openVisitSession: visitSessionOpener({
      ledger: store.ledger,
      enqueue,
      serverNow: () => h.clock.now(),
      warningSeconds: [300, 60],
      log,
      timer: h.time,
      monotonic: h.time.monotonic,
    }),
  });
  const deps: CallResumptionDeps = {
    ledger: store.ledger,
    enqueue,
    serverNow: () => h.clock.now(),
    service,
    machine,
    whenConnected: async () => true,
    maxAbsentSeconds: 120,
    log,
  };
  const sent = () => store.outbox.head(100).map((record) => record.payload);
  return { h, store, machine, deps, signedOut, sent };
}

const session = { token: 't'.repeat(43), displayName: 'James R.', visits: [summary] };

/** The server's yes: it last heard from the kiosk at `absentSinceMs`, and answers at `serverMs`. */
function resumed(absentSinceMs: number, serverMs: number): ResumeResult {
  return {
    ok: true,
    session,
    endsAt: summary.endsAt,
    media,
    absentSince: serverStart + absentSinceMs,
    serverTime: serverStart + serverMs,
  };
}

describe('a kiosk restarted during a visit', () => {
  it('goes back into the call without a sign-in; the ledger goes on and counts the absence as lost', async () => {
    const dir = crashedInCall();
    // Down from 90.7 s to 120.7 s; its last heartbeat reached the server at 80 s.
    const kiosk = restarted(dir, 120_700, resumed(80_000, 120_700));
    expect(await resumeInterruptedVisit(kiosk.deps)).toBe('resumed');
    expect(kiosk.machine.snapshot()).toMatchObject({
      screen: 'call',
      inmate: { displayName: 'James R.' },
      visit: { visitId: 'visit-1' },
      media,
    });
    expect(kiosk.store.ledger.unfinished()).toHaveLength(1);

    // Media flows again 2 s later, for 10 s; then the inmate hangs up.
    kiosk.h.time.advance(2 * second);
    kiosk.machine.reportMedia('visit-1', { connected: true });
    kiosk.h.time.advance(10 * second);
    await kiosk.machine.endVisit('visit-1', 'hung_up_by_inmate');

    // Lost: from the last write (90 s, the server's time) to the answer, and on until media flowed.
    const final = {
      visitId: 'visit-1',
      connectedSeconds: 100,
      disconnectedSeconds: 32.7,
      drops: [{ startedAt: serverIso(90_000), endedAt: serverIso(122_700), cause: 'kiosk_restarted' }],
      final: true,
    };
    expect(kiosk.store.ledger.get('visit-1')).toEqual(final);
    expect(kiosk.sent().at(-1)).toEqual({ ...final, endReason: 'hung_up_by_inmate' });
    expect(kiosk.machine.snapshot()).toMatchObject({
      screen: 'summary',
      time: { connectedSeconds: 100, lostSeconds: 32 },
    });
    kiosk.store.close();
  });

  it('dates the stop by the server’s last heartbeat when the ledger’s date cannot be right', async () => {
    // Written on the kiosk's own clock, three hours ahead, as before its first heartbeat answer.
    const dir = crashedInCall((h) => h.time.wall);
    const kiosk = restarted(dir, 120_700, resumed(80_000, 120_700));
    expect(await resumeInterruptedVisit(kiosk.deps)).toBe('resumed');
    kiosk.h.time.advance(2 * second);
    kiosk.machine.reportMedia('visit-1', { connected: true });
    expect(kiosk.store.ledger.get('visit-1')).toMatchObject({
      disconnectedSeconds: 42.7,
      drops: [{ startedAt: serverIso(80_000), endedAt: serverIso(122_700) }],
    });
    kiosk.store.close();
  });

  it.each<[string, ResumeResult]>([
    ['the server says it was away too long', { ok: false, reason: 'absent_too_long' }],
    ['the server says the visit is over', { ok: false, reason: 'visit_over' }],
    ['the inmate has no session there any more', { ok: false, reason: 'no_session' }],
  ])('closes the ledger as it stood when %s', async (_case, answer) => {
    const dir = crashedInCall();
    const kiosk = restarted(dir, 5 * minute, answer);
    expect(await resumeInterruptedVisit(kiosk.deps)).toBe('closed');
    expect(kiosk.machine.snapshot().screen).toBe('attract');
    const closed = { visitId: 'visit-1', connectedSeconds: 90, disconnectedSeconds: 0, drops: [], final: true };
    expect(kiosk.store.ledger.get('visit-1')).toEqual(closed);
    expect(kiosk.sent().at(-1)).toEqual(closed);
    kiosk.store.close();
  });

  it('closes the ledger when the server cannot be reached within the bound, without asking it', async () => {
    const dir = crashedInCall();
    const kiosk = restarted(dir, 120_700, resumed(80_000, 120_700));
    let asked = false;
    kiosk.deps.service!.resumeVisit = async () => {
      asked = true;
      return resumed(80_000, 120_700);
    };
    kiosk.deps.whenConnected = async (timeoutMs) => {
      expect(timeoutMs).toBe(120_000);
      return false;
    };
    expect(await resumeInterruptedVisit(kiosk.deps)).toBe('closed');
    expect(asked).toBe(false);
    expect(kiosk.store.ledger.get('visit-1')).toMatchObject({ final: true, disconnectedSeconds: 0 });
    kiosk.store.close();
  });

  it('leaves the kiosk to someone who began meanwhile, and gives back the session it was given', async () => {
    const dir = crashedInCall();
    const kiosk = restarted(dir, 120_700, resumed(80_000, 120_700));
    kiosk.machine.begin();
    expect(await resumeInterruptedVisit(kiosk.deps)).toBe('closed');
    expect(kiosk.machine.snapshot().screen).toBe('signIn');
    expect(kiosk.signedOut).toEqual([session.token]);
    expect(kiosk.store.ledger.get('visit-1')).toMatchObject({ final: true });
    kiosk.store.close();
  });

  it('never asks with a bound of 0, and closes every interrupted ledger', async () => {
    const dir = crashedInCall();
    const kiosk = restarted(dir, 120_700, resumed(80_000, 120_700));
    expect(await resumeInterruptedVisit({ ...kiosk.deps, maxAbsentSeconds: 0 })).toBe('none');
    expect(kiosk.store.ledger.unfinished()).toEqual([]);
    kiosk.store.close();
  });
});
