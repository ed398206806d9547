import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKiosks } from '../domain/kiosks';
import { createSchedule } from '../domain/schedule';
import { createSignIn } from '../domain/sign-in';
import { seededDatabase, testPinHashCost } from '../test-support/fixtures';
import { manualClock } from '../test-support/manual-clock';
import { demo, demoEnrolmentCodeLifetimeMs, retireDemo, seedDemo } from './seed';

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
    await seedDemo(fixture.db, clock, testPinHashCost);
    expect(tables.map((table) => count(fixture, table))).toEqual(before);
  });

  it('keeps a demo visit still current across restarts', async () => {
    const schedule = createSchedule(fixture.db, clock);
    const firstStart = schedule.find(demo.visits.now.id)?.startsAt;
    clock.advance(10 * 60_000);
    expect((await seedDemo(fixture.db, clock, testPinHashCost)).now).toBe(demo.visits.now.id);
    expect(schedule.find(demo.visits.now.id)?.startsAt).toBe(firstStart);
  });

  it('seeds a demo visit that ended or is over as a new visit, whose ledger starts afresh', async () => {
    const schedule = createSchedule(fixture.db, clock);
    schedule.end(demo.visits.now.id, 'hung_up_by_visitor');
    const again = await seedDemo(fixture.db, clock, testPinHashCost);
    expect(again.now).not.toBe(demo.visits.now.id);
    expect(schedule.find(again.now)).toMatchObject({ endedAt: undefined, startsAt: clock.now() - 60_000 });
    expect(schedule.findByVisitorCode(demo.visits.now.visitorCode)?.id).toBe(again.now);
    // The visit that ended keeps its record (and so its ledger) as it was.
    expect(schedule.find(demo.visits.now.id)).toMatchObject({ endReason: 'hung_up_by_visitor' });

    clock.advance(3 * 60 * 60_000);
    const later = await seedDemo(fixture.db, clock, testPinHashCost);
    expect(new Set([later.now, later.legal, later.later]).size).toBe(3);
    expect(later.now).not.toBe(again.now);
    const statuses = new Map(schedule.visitsFromToday(demo.inmate.id).map((visit) => [visit.visitId, visit.status]));
    expect([later.now, later.legal, later.later].map((id) => statuses.get(id))).toEqual(['open', 'open', 'scheduled']);
  });

  it('gives the demo enrolment code an expiry, renewed at each start with the flag', async () => {
    const kiosks = createKiosks(fixture.db, clock);
    clock.advance(demoEnrolmentCodeLifetimeMs - 1);
    expect(kiosks.enrol(demo.enrolmentCode)).toBeDefined();
    clock.advance(1);
    expect(kiosks.enrol(demo.enrolmentCode)).toBeUndefined();
    await seedDemo(fixture.db, clock, testPinHashCost);
    expect(kiosks.enrol(demo.enrolmentCode)).toBeDefined();
    // A code stored without an expiry, as older demo seeds left theirs, is refused.
    fixture.db.prepare('UPDATE enrolment_codes SET expires_at = NULL').run();
    expect(kiosks.enrol(demo.enrolmentCode)).toBeUndefined();
  });

  it('leaves no demo credential usable after a start without the flag, until one with it', async () => {
    const kiosks = createKiosks(fixture.db, clock);
    const schedule = createSchedule(fixture.db, clock);
    const signIn = createSignIn(fixture.db, clock, pino({ level: 'silent' }), { pinHashCost: testPinHashCost });
    const kiosk = { kioskId: 'kiosk-a', housingUnitId: demo.housingUnit.id };
    retireDemo(fixture.db);
    expect(kiosks.enrol(demo.enrolmentCode)).toBeUndefined();
    for (const visit of Object.values(demo.visits))
      expect(schedule.findByVisitorCode(visit.visitorCode)).toBeUndefined();
    await expect(signIn.signIn(demo.inmate.id, demo.inmate.pin, kiosk)).rejects.toMatchObject({
      code: 'bad_credentials',
    });

    await seedDemo(fixture.db, clock, testPinHashCost);
    expect(kiosks.enrol(demo.enrolmentCode)).toBeDefined();
    expect(schedule.findByVisitorCode(demo.visits.now.visitorCode)).toBeDefined();
    await expect(signIn.signIn(demo.inmate.id, demo.inmate.pin, kiosk)).resolves.toMatchObject({
      inmateId: demo.inmate.id,
    });
  });
});
