import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSchedule } from '../domain/schedule';
import { seededDatabase } from '../test-support/fixtures';
import { manualClock } from '../test-support/manual-clock';
import { demo, seedDemo } from './seed';

const count = (fixture: Awaited<ReturnType<typeof seededDatabase>>, table: string): number =>
  (fixture.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('the demo seed', () => {
  const clock = manualClock(new Date(2026, 10, 22, 9, 0).getTime());
  let fixture: Awaited<ReturnType<typeof seededDatabase>>;

  beforeEach(async () => {
    fixture = await seededDatabase(clock);
  });
  afterEach(() => fixture.dispose());

  it('adds nothing twice', async () => {
    const tables = ['facilities', 'housing_units', 'enrolment_codes', 'inmates', 'visitors', 'visits'];
    const before = tables.map((table) => count(fixture, table));
    await seedDemo(fixture.db, clock);
    expect(tables.map((table) => count(fixture, table))).toEqual(before);
  });

  it('keeps a demo visit still current, and moves one that is over back to now', async () => {
    const schedule = createSchedule(fixture.db, clock);
    const firstStart = schedule.find(demo.visits.now.id)?.startsAt;
    clock.advance(10 * 60_000);
    await seedDemo(fixture.db, clock);
    expect(schedule.find(demo.visits.now.id)?.startsAt).toBe(firstStart);

    schedule.end(demo.visits.now.id, 'hung_up_by_visitor');
    await seedDemo(fixture.db, clock);
    expect(schedule.find(demo.visits.now.id)).toMatchObject({ endedAt: undefined, startsAt: clock.now() - 60_000 });

    clock.advance(3 * 60 * 60_000);
    await seedDemo(fixture.db, clock);
    const statuses = schedule.visitsFromToday(demo.inmate.id).map((visit) => [visit.visitId, visit.status]);
    expect(Object.fromEntries(statuses)).toMatchObject({
      'demo-now': 'open',
      'demo-legal': 'open',
      'demo-later': 'scheduled',
    });
  });
});
