import { afterEach, describe, expect, it, vi } from 'vitest';
import { harness, joinedAgain, minute, newSession, second, serverIso } from './harness';

afterEach(() => vi.useRealTimers());

describe('starting a visit', () => {
  it('is refused before the window opens, with the opening time, and after the end', () => {
    const early = harness({ opensInMs: 2 * minute });
    expect(newSession(early).start()).toEqual({ ok: false, reason: 'visit_not_open', opensAt: serverIso(2 * minute) });

    const late = harness({ opensInMs: -40 * minute, endsInMs: 0 });
    expect(newSession(late).start()).toEqual({ ok: false, reason: 'visit_over' });

    expect(early.events).toEqual([]);
    expect(early.saves).toEqual([]);
  });

  it('is allowed from the opening instant, once; starting again changes nothing', () => {
    const h = harness({ opensInMs: 0 });
    const session = newSession(h);
    expect(session.state().phase).toBe('scheduled');
    expect(session.start()).toEqual({ ok: true });
    expect(session.start()).toEqual({ ok: true });
    expect(h.phases()).toEqual(['starting']);
    // Written at once, so a crash from here on leaves a ledger to resume.
    expect(h.lastSaved()).toEqual({
      visitId: 'visit-1',
      connectedSeconds: 0,
      disconnectedSeconds: 0,
      drops: [],
      final: false,
    });
  });

  it('is refused once the visit is ending or over', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    session.end('hung_up_by_inmate');
    expect(session.start()).toEqual({ ok: false, reason: 'visit_over' });
  });
});

describe('the state machine', () => {
  it('goes scheduled → starting → connected ⇄ reconnecting → ending → ended, with the reason', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    session.mediaUp();
    session.mediaDown('ice_disconnected');
    expect(session.state()).toEqual({
      visitId: 'visit-1',
      phase: 'reconnecting',
      endsAt: serverIso(30 * minute),
      cause: 'ice_disconnected',
      reason: null,
    });
    session.mediaUp();
    session.end('hung_up_by_inmate');
    expect(session.state()).toMatchObject({ phase: 'ending', reason: 'hung_up_by_inmate', cause: null });
    session.ended('hung_up_by_inmate');
    expect(h.phases()).toEqual(['starting', 'connected', 'reconnecting', 'connected', 'ending', 'ended']);
    expect(session.state()).toMatchObject({ phase: 'ended', reason: 'hung_up_by_inmate' });
  });

  it('ignores inputs that do not fit the phase', () => {
    const h = harness();
    const session = newSession(h);
    session.mediaUp();
    session.mediaDown('x');
    session.end('hung_up_by_inmate');
    expect(session.state().phase).toBe('scheduled');
    session.start();
    // Before media ever flowed, losing it is not a drop.
    session.mediaDown('visitor_left');
    expect(session.state().phase).toBe('starting');
    session.mediaUp();
    session.mediaUp();
    session.mediaDown('ice_disconnected');
    // A second cause while reconnecting does not replace the one the drop started with.
    session.mediaDown('signalling_lost');
    expect(session.state().cause).toBe('ice_disconnected');
    expect(h.phases()).toEqual(['starting', 'connected', 'reconnecting']);
  });

  it('dates a return and a hang-up when they happened, not when main heard of them', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    session.mediaUp();
    h.time.advance(10 * second);
    session.mediaDown('media_stalled', 1000);
    h.time.advance(5 * second);
    // Media came back 400 ms before the renderer confirmed it.
    session.mediaUp(400);
    h.time.advance(10 * second);
    // The hang-up reached the server 150 ms before its answer reached main.
    session.end('hung_up_by_inmate', 150);
    expect(session.ledger()).toMatchObject({ connectedSeconds: 9 + 0.4 + 10 - 0.15, disconnectedSeconds: 5.6 });
    expect(session.ledger().drops).toEqual([
      { startedAt: serverIso(9 * second), endedAt: serverIso(14.6 * second), cause: 'media_stalled' },
    ]);
  });

  it('takes the server’s reason over its own when the server ended the visit first', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    session.mediaUp();
    session.end('hung_up_by_inmate');
    session.ended('hung_up_by_visitor');
    session.ended('ended_by_staff');
    expect(session.state()).toMatchObject({ phase: 'ended', reason: 'hung_up_by_visitor' });
  });

  it('ends on the server’s word from any phase, and a visit never started leaves no ledger', () => {
    const h = harness();
    const session = newSession(h);
    session.ended('ended_by_staff');
    expect(session.state()).toMatchObject({ phase: 'ended', reason: 'ended_by_staff' });
    expect(h.saves).toEqual([]);
    expect(h.reports).toEqual([]);
  });

  it('ends on its own reason when the server does not confirm in time', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    session.end('failed');
    h.time.advance(9_999);
    expect(session.state().phase).toBe('ending');
    h.time.advance(1);
    expect(session.state()).toMatchObject({ phase: 'ended', reason: 'failed' });
    expect(h.time.pendingTimers).toBe(0);
  });
});

describe('warnings', () => {
  it('come at 5 minutes and 1 minute before the end, once each, on the server’s clock', () => {
    const h = harness({ endsInMs: 10 * minute });
    const session = newSession(h);
    session.start();
    session.mediaUp();
    h.time.advance(5 * minute - 1);
    expect(h.warnings()).toEqual([]);
    h.time.advance(1);
    expect(h.warnings()).toEqual([
      { visitId: 'visit-1', secondsBefore: 300, secondsLeft: 300, endsAt: serverIso(10 * minute) },
    ]);
    h.time.advance(4 * minute);
    expect(h.warnings().map((warning) => warning.secondsBefore)).toEqual([300, 60]);
    h.time.advance(59 * second);
    expect(h.warnings()).toHaveLength(2);
  });

  it('come at configured times', () => {
    const h = harness({ endsInMs: 2 * minute, warningSeconds: [90, 30, 10] });
    newSession(h).start();
    h.time.advance(2 * minute);
    expect(h.warnings().map((warning) => [warning.secondsBefore, warning.secondsLeft])).toEqual([
      [90, 90],
      [30, 30],
      [10, 10],
    ]);
  });

  it('given at once when started after a threshold passed, only the one nearest the end', () => {
    const threeLeft = harness({ endsInMs: 3 * minute });
    newSession(threeLeft).start();
    expect(threeLeft.warnings()).toEqual([
      { visitId: 'visit-1', secondsBefore: 300, secondsLeft: 180, endsAt: serverIso(3 * minute) },
    ]);
    threeLeft.time.advance(2 * minute);
    expect(threeLeft.warnings().map((warning) => warning.secondsBefore)).toEqual([300, 60]);

    const halfMinuteLeft = harness({ endsInMs: 30 * second });
    newSession(halfMinuteLeft).start();
    expect(halfMinuteLeft.warnings()).toEqual([
      { visitId: 'visit-1', secondsBefore: 60, secondsLeft: 30, endsAt: serverIso(30 * second) },
    ]);
    halfMinuteLeft.time.advance(30 * second);
    expect(halfMinuteLeft.warnings()).toHaveLength(1);
  });

  it('are given again when the server moves the end later, and not at all after the end', () => {
    const h = harness({ endsInMs: 2 * minute });
    const session = newSession(h);
    session.start();
    expect(h.warnings().map((warning) => warning.secondsBefore)).toEqual([300]);
    session.setEndsAt(serverIso(20 * minute));
    expect(session.state().endsAt).toBe(serverIso(20 * minute));
    h.time.advance(15 * minute);
    expect(h.warnings().map((warning) => warning.secondsBefore)).toEqual([300, 300]);
    h.time.advance(5 * minute);
    expect(h.warnings().map((warning) => warning.secondsBefore)).toEqual([300, 300, 60]);
    expect(session.state().phase).toBe('ending');
  });
});

describe('the end time', () => {
  it('ends the visit as completed at the server’s end time with no renderer input at all', () => {
    const h = harness({ endsInMs: 10 * minute });
    const session = newSession(h);
    session.start();
    h.time.advance(10 * minute - 1);
    expect(session.state().phase).toBe('starting');
    h.time.advance(1);
    expect(session.state()).toMatchObject({ phase: 'ending', reason: 'completed' });
    session.ended('completed');
    expect(session.state()).toMatchObject({ phase: 'ended', reason: 'completed' });
    expect(h.time.pendingTimers).toBe(0);
  });

  it('ends at once when the server brings the end forward to a time already past', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    session.mediaUp();
    session.setEndsAt(serverIso(-second));
    expect(session.state()).toMatchObject({ phase: 'ending', reason: 'completed' });
  });
});

describe('the kiosk’s wall clock', () => {
  it('skewed by hours: the window, warnings and end follow the server’s clock', () => {
    // The kiosk thinks it is two hours earlier: by its own clock the visit is not open yet.
    const h = harness({ wallSkewMs: -2 * 60 * minute, opensInMs: -minute, endsInMs: 10 * minute });
    const session = newSession(h);
    expect(session.start()).toEqual({ ok: true });
    h.time.advance(5 * minute);
    expect(h.warnings().map((warning) => warning.secondsBefore)).toEqual([300]);
    h.time.advance(5 * minute);
    expect(session.state()).toMatchObject({ phase: 'ending', reason: 'completed' });
  });

  it('jumping back and forth mid-visit changes no warning, end time or second of the ledger', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const h = harness({ endsInMs: 10 * minute });
    const session = newSession(h);
    session.start();
    session.mediaUp();
    h.time.advance(2 * minute);
    h.time.jumpWall(-3 * 60 * minute);
    vi.setSystemTime(Date.parse('1999-01-01T00:00:00Z'));
    h.time.advance(2 * minute);
    h.time.jumpWall(+24 * 60 * minute);
    vi.setSystemTime(Date.parse('2040-01-01T00:00:00Z'));
    h.time.advance(minute);
    expect(h.warnings()).toEqual([
      { visitId: 'visit-1', secondsBefore: 300, secondsLeft: 300, endsAt: serverIso(10 * minute) },
    ]);
    expect(session.ledger()).toMatchObject({ connectedSeconds: 300, disconnectedSeconds: 0 });
    h.time.advance(5 * minute);
    expect(session.state()).toMatchObject({ phase: 'ending', reason: 'completed' });
    expect(session.ledger()).toMatchObject({ connectedSeconds: 600 });
  });

  it('a better server clock sample moving time forwards brings the end forward within a second', () => {
    const h = harness({ endsInMs: 10 * minute });
    const session = newSession(h);
    session.start();
    h.time.advance(5 * minute);
    // A faster round trip says the server is 3 s further on than the first sample put it.
    h.clock.sample(h.time.monotonic(), serverIso(5 * minute + 3 * second));
    h.time.advance(5 * minute - 3 * second - 1);
    expect(session.state().phase).toBe('starting');
    h.time.advance(1);
    expect(session.state()).toMatchObject({ phase: 'ending', reason: 'completed' });
  });
});

describe('the ledger', () => {
  it('counts connected and disconnected seconds on the monotonic clock, with drops on the server’s', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    // Waiting for the visitor is neither.
    h.time.advance(20 * second);
    session.mediaUp();
    h.time.advance(60 * second);
    session.mediaDown('ice_disconnected');
    h.time.advance(4_500);
    session.mediaUp();
    h.time.advance(30 * second);
    session.mediaDown('visitor_left');
    h.time.advance(10 * second);
    expect(session.ledger()).toEqual({
      visitId: 'visit-1',
      connectedSeconds: 90,
      disconnectedSeconds: 14.5,
      drops: [
        { startedAt: serverIso(80 * second), endedAt: serverIso(84_500), cause: 'ice_disconnected' },
        { startedAt: serverIso(114_500), endedAt: null, cause: 'visitor_left' },
      ],
      final: false,
    });
    session.end('hung_up_by_inmate');
    h.time.advance(5 * second);
    session.ended('hung_up_by_inmate');
    expect(session.ledger()).toEqual({
      visitId: 'visit-1',
      connectedSeconds: 90,
      disconnectedSeconds: 14.5,
      drops: [
        { startedAt: serverIso(80 * second), endedAt: serverIso(84_500), cause: 'ice_disconnected' },
        // The drop lasted until the visit ended.
        { startedAt: serverIso(114_500), endedAt: serverIso(124_500), cause: 'visitor_left' },
      ],
      final: true,
    });
  });

  it('is written at least once a second while it changes, and not while it does not', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    h.time.advance(10 * second);
    expect(h.saves).toHaveLength(1);
    session.mediaUp();
    h.time.advance(30_250);
    session.mediaDown('ice_failed');
    h.time.advance(12_300);
    session.mediaUp();
    h.time.advance(7 * second);
    const times = h.saves.map((save) => save.atMs).filter((atMs) => atMs >= h.saves[1]!.atMs);
    const gaps = times.slice(1).map((atMs, i) => atMs - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000);
    // A crash now loses at most a second of either total.
    const written = h.lastSaved()!;
    const actual = session.ledger();
    expect(actual.connectedSeconds - written.connectedSeconds).toBeLessThanOrEqual(1);
    expect(actual.disconnectedSeconds - written.disconnectedSeconds).toBeLessThanOrEqual(1);
    expect(written.connectedSeconds).toBeGreaterThan(36);
  });

  it('is queued for the server every minute while it changes, and once as final at the end, queued before it is marked final', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    session.mediaUp();
    h.time.advance(150 * second);
    expect(h.reports).toEqual([
      expect.objectContaining({ connectedSeconds: 60, final: false }),
      expect.objectContaining({ connectedSeconds: 120, final: false }),
    ]);
    session.end('hung_up_by_inmate');
    h.time.advance(2 * minute);
    expect(h.reports).toHaveLength(3);
    expect(h.reports[2]).toEqual({
      visitId: 'visit-1',
      connectedSeconds: 150,
      disconnectedSeconds: 0,
      drops: [],
      final: true,
      endReason: 'hung_up_by_inmate',
    });
    expect(h.writes.slice(-2)).toEqual(['enqueue final', 'save final']);
    expect(h.saves.filter((save) => save.entry.final)).toHaveLength(1);
  });

  it('queues nothing more while nothing changes', () => {
    const h = harness();
    newSession(h).start();
    h.time.advance(5 * minute);
    // The first says the kiosk has the visit open; nothing has happened since.
    expect(h.reports).toEqual([
      { visitId: 'visit-1', connectedSeconds: 0, disconnectedSeconds: 0, drops: [], final: false },
    ]);
  });

  it('keeps going when a write fails, and writes again on the next tick', () => {
    let failures = 1;
    const h = harness({
      save: () => {
        if (failures-- > 0) throw new Error('disk full');
      },
    });
    const session = newSession(h);
    session.start();
    expect(h.saves).toEqual([]);
    session.mediaUp();
    h.time.advance(1000);
    expect(h.lastSaved()).toMatchObject({ connectedSeconds: 1 });
    expect(session.state().phase).toBe('connected');
  });

  it('leaves the ledger unfinished when the final record cannot be queued, so a restart sends it', () => {
    const h = harness({
      enqueue: (entry) => {
        if (entry.final) throw new Error('disk full');
      },
    });
    const session = newSession(h);
    session.start();
    session.mediaUp();
    h.time.advance(5 * second);
    session.ended('hung_up_by_visitor');
    expect(session.state().phase).toBe('ended');
    expect(h.saves.every((save) => !save.entry.final)).toBe(true);
  });
});

describe('a visit joined again on this kiosk', () => {
  const earlier = {
    visitId: 'visit-1',
    connectedSeconds: 100,
    disconnectedSeconds: 4,
    drops: [{ startedAt: serverIso(-50 * second), endedAt: serverIso(-46 * second), cause: 'ice_failed' }],
    final: true,
  };

  it('goes on from the earlier totals and drops; the time between is in neither', () => {
    const h = harness();
    const session = joinedAgain(h, earlier);
    expect(session.state().phase).toBe('scheduled');
    session.start();
    h.time.advance(3 * second);
    session.mediaUp();
    h.time.advance(10 * second);
    session.mediaDown('media_stalled');
    h.time.advance(2 * second);
    session.end('hung_up_by_inmate');
    session.ended('hung_up_by_inmate');
    expect(h.reports.at(-1)).toEqual({
      visitId: 'visit-1',
      connectedSeconds: 110,
      disconnectedSeconds: 6,
      drops: [
        ...earlier.drops,
        { startedAt: serverIso(13 * second), endedAt: serverIso(15 * second), cause: 'media_stalled' },
      ],
      final: true,
      endReason: 'hung_up_by_inmate',
    });
  });

  it('refuses a ledger for another visit', () => {
    const h = harness();
    expect(() => joinedAgain(h, { ...earlier, visitId: 'visit-2' })).toThrow(/another visit/);
  });
});

describe('shutting down', () => {
  it('on a clean shutdown writes what it has, unfinished, and stops', () => {
    const h = harness();
    const session = newSession(h);
    session.start();
    session.mediaUp();
    h.time.advance(2_400);
    session.close();
    expect(h.lastSaved()).toMatchObject({ connectedSeconds: 2.4, final: false });
    expect(h.time.pendingTimers).toBe(0);
    session.mediaDown('x');
    session.ended('completed');
    expect(session.state().phase).toBe('connected');
    expect(h.reports).toEqual([]);
  });
});
