import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { demo } from '../demo/seed';
import { addVisit, seededDatabase } from '../test-support/fixtures';
import { manualClock } from '../test-support/manual-clock';
import { createSchedule, joinWindow, visitOpensBeforeStartMs, type Schedule, type Visit } from './schedule';

const minute = 60_000;

function visitAt(startsAt: number, endsAt: number, endedAt?: number): Visit {
  return {
    id: 'v',
    inmateId: demo.inmate.id,
    inmateName: 'Marcus R.',
    visitorName: 'Angela R.',
    startsAt,
    endsAt,
    privileged: false,
    signLanguage: false,
    endedAt,
    endReason: endedAt === undefined ? undefined : 'hung_up_by_visitor',
  };
}

describe('a visit’s join window', () => {
  const start = Date.UTC(2026, 10, 22, 14, 0);
  const visit = visitAt(start, start + 30 * minute);

  it('is not open until 10 minutes before the start, and says how long until it is', () => {
    expect(visitOpensBeforeStartMs).toBe(10 * minute);
    expect(joinWindow(visit, start - 10 * minute - 1)).toEqual({ state: 'scheduled', opensInMs: 1 });
    expect(joinWindow(visit, start - 60 * minute)).toEqual({ state: 'scheduled', opensInMs: 50 * minute });
  });

  it('is open from 10 minutes before the start until the end', () => {
    expect(joinWindow(visit, start - 10 * minute)).toEqual({ state: 'open' });
    expect(joinWindow(visit, start + 30 * minute - 1)).toEqual({ state: 'open' });
  });

  it('is over at the end, and once the visit was ended early', () => {
    expect(joinWindow(visit, start + 30 * minute)).toEqual({ state: 'over' });
    expect(joinWindow(visitAt(start, start + 30 * minute, start + minute), start + 2 * minute)).toEqual({
      state: 'over',
    });
  });
});

describe('the schedule', () => {
  const clock = manualClock(new Date(2026, 10, 22, 12, 0).getTime());
  let fixture: Awaited<ReturnType<typeof seededDatabase>>;
  let schedule: Schedule;

  beforeEach(async () => {
    fixture = await seededDatabase(clock);
    schedule = createSchedule(fixture.db, clock);
  });
  afterEach(() => fixture.dispose());

  it('seeds demo visits relative to now: one open, one later, one legal and open', () => {
    const visits = schedule.visitsFromToday(demo.inmate.id);
    const byId = new Map(visits.map((visit) => [visit.visitId, visit]));
    expect(byId.get(demo.visits.now.id)).toMatchObject({ status: 'open', privileged: false, visitorName: 'Angela R.' });
    expect(byId.get(demo.visits.later.id)).toMatchObject({ status: 'scheduled', visitorName: 'Tom R.' });
    expect(byId.get(demo.visits.legal.id)).toMatchObject({
      status: 'open',
      privileged: true,
      visitorName: 'Jordan B.',
    });
    expect(schedule.find(demo.visits.later.id)?.signLanguage).toBe(true);
    expect(schedule.find(demo.visits.now.id)?.signLanguage).toBe(false);
    const later = byId.get(demo.visits.later.id);
    expect(Date.parse(later?.opensAt ?? '')).toBe(Date.parse(later?.startsAt ?? '') - visitOpensBeforeStartMs);
  });

  it('lists today’s visits in start order, including ones over, and none a day or more ahead', () => {
    const now = clock.now();
    const over = addVisit(fixture.db, { startsAt: now - 120 * minute, endsAt: now - 90 * minute });
    const tomorrow = addVisit(fixture.db, {
      startsAt: now + 24 * 60 * minute,
      endsAt: now + 24 * 60 * minute + 30 * minute,
    });
    const visits = schedule.visitsFromToday(demo.inmate.id);
    expect(visits.map((visit) => visit.visitId)).toContain(over.visitId);
    expect(visits.map((visit) => visit.visitId)).not.toContain(tomorrow.visitId);
    expect(visits.find((visit) => visit.visitId === over.visitId)?.status).toBe('over');
    const starts = visits.map((visit) => Date.parse(visit.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('late in the evening also lists the next morning’s visits, up to 24 hours ahead', () => {
    // 12:00 → 23:00 the same day, and back for the other tests whatever happens.
    clock.advance(11 * 60 * minute);
    onTestFinished(() => clock.advance(-11 * 60 * minute));
    const now = clock.now();
    const nextMorning = addVisit(fixture.db, {
      startsAt: now + 9 * 60 * minute,
      endsAt: now + 9 * 60 * minute + 30 * minute,
    });
    const dayAfter = addVisit(fixture.db, {
      startsAt: now + 24 * 60 * minute + minute,
      endsAt: now + 25 * 60 * minute,
    });
    const listed = schedule.visitsFromToday(demo.inmate.id).map((visit) => visit.visitId);
    expect(listed).toContain(nextMorning.visitId);
    expect(listed).not.toContain(dayAfter.visitId);
  });

  it('finds a visit by its visitor code and records the first end only', () => {
    expect(schedule.findByVisitorCode(demo.visits.now.visitorCode)?.id).toBe(demo.visits.now.id);
    expect(schedule.findByVisitorCode('NOPE-0000-0000')).toBeUndefined();
    expect(schedule.end(demo.visits.now.id, 'hung_up_by_visitor')).toMatchObject({
      reason: 'hung_up_by_visitor',
      changed: true,
    });
    clock.advance(minute);
    expect(schedule.end(demo.visits.now.id, 'hung_up_by_inmate')).toMatchObject({
      reason: 'hung_up_by_visitor',
      changed: false,
    });
    expect(schedule.find(demo.visits.now.id)?.endedAt).toBe(clock.now() - minute);
    expect(schedule.end('no-such-visit', 'completed')).toBeUndefined();
  });
});
