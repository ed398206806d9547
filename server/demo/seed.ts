import type { Clock } from '../clock';
import { hashPin } from '../credentials/pin-hash';
import { digest } from '../credentials/tokens';
import type { Db } from '../store/database';

/**
 * The demo facility every start makes sure of, so a kiosk works out of the box. The credentials
 * are fixed and public on purpose; a production server has none of this.
 */
export const demo = {
  facility: { id: 'demo-facility', name: 'Demo County Jail' },
  housingUnit: { id: 'b-east', name: 'B-East' },
  otherHousingUnit: { id: 'b-west', name: 'B-West' },
  enrolmentCode: 'DEMO-KIOSK-2468',
  inmate: { id: '100234', pin: '2468', firstName: 'Marcus', lastName: 'Reyes', housingUnitId: 'b-east' },
  /** Lives in the other unit: signing in at a B-East kiosk is refused `wrong_housing_unit`. */
  otherInmate: { id: '100871', pin: '1357', firstName: 'Dana', lastName: 'Kowalski', housingUnitId: 'b-west' },
  visits: {
    /** Open now. */
    now: { id: 'demo-now', visitorCode: 'DEMO-0000-0001', visitor: 'demo-visitor-angela' },
    /** Two hours from now, not open yet. */
    later: { id: 'demo-later', visitorCode: 'DEMO-0000-0002', visitor: 'demo-visitor-tom' },
    /** A legal visit starting in a few minutes: already open. */
    legal: { id: 'demo-legal', visitorCode: 'DEMO-0000-0003', visitor: 'demo-visitor-jordan' },
  },
} as const;

const visitors = [
  { id: 'demo-visitor-angela', firstName: 'Angela', lastName: 'Reyes' },
  { id: 'demo-visitor-tom', firstName: 'Tom', lastName: 'Reyes' },
  { id: 'demo-visitor-jordan', firstName: 'Jordan', lastName: 'Blake' },
];

const minute = 60_000;

/**
 * Idempotent. Demo visits are placed relative to now; one that is still current is left alone, so
 * restarting the server mid-visit keeps the visit, and one that is over is moved to now again.
 */
export async function seedDemo(db: Db, clock: Clock): Promise<void> {
  const people = [demo.inmate, demo.otherInmate];
  const known = new Set((db.prepare('SELECT id FROM inmates').all() as { id: string }[]).map((row) => row.id));
  const pinHashes = new Map<string, string>();
  for (const person of people) {
    if (!known.has(person.id)) pinHashes.set(person.id, await hashPin(person.pin));
  }

  const now = Math.floor(clock.now() / minute) * minute;
  const slots = [
    { ...demo.visits.now, startsAt: now - minute, minutes: 30, privileged: false },
    { ...demo.visits.later, startsAt: now + 120 * minute, minutes: 30, privileged: false },
    { ...demo.visits.legal, startsAt: now + 5 * minute, minutes: 45, privileged: true },
  ];

  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO facilities (id, name) VALUES (?, ?)').run(demo.facility.id, demo.facility.name);
    const unit = db.prepare('INSERT OR IGNORE INTO housing_units (id, facility_id, name) VALUES (?, ?, ?)');
    for (const { id, name } of [demo.housingUnit, demo.otherHousingUnit]) unit.run(id, demo.facility.id, name);
    db.prepare(
      'INSERT OR IGNORE INTO enrolment_codes (code_hash, housing_unit_id, uses_remaining, expires_at) VALUES (?, ?, NULL, NULL)',
    ).run(digest(demo.enrolmentCode), demo.housingUnit.id);

    const inmate = db.prepare(
      'INSERT OR IGNORE INTO inmates (id, housing_unit_id, first_name, last_name, pin_hash) VALUES (?, ?, ?, ?, ?)',
    );
    for (const person of people) {
      const pinHash = pinHashes.get(person.id);
      if (pinHash !== undefined)
        inmate.run(person.id, person.housingUnitId, person.firstName, person.lastName, pinHash);
    }
    const visitor = db.prepare('INSERT OR IGNORE INTO visitors (id, first_name, last_name) VALUES (?, ?, ?)');
    for (const { id, firstName, lastName } of visitors) visitor.run(id, firstName, lastName);

    const upsertVisit = db.prepare(
      `INSERT INTO visits (id, inmate_id, visitor_id, starts_at, ends_at, privileged, visitor_code_hash)
       VALUES (@id, @inmateId, @visitorId, @startsAt, @endsAt, @privileged, @codeHash)
       ON CONFLICT (id) DO UPDATE SET starts_at = excluded.starts_at, ends_at = excluded.ends_at,
         ended_at = NULL, end_reason = NULL
       WHERE visits.ended_at IS NOT NULL OR visits.ends_at <= @now`,
    );
    for (const slot of slots) {
      upsertVisit.run({
        id: slot.id,
        inmateId: demo.inmate.id,
        visitorId: slot.visitor,
        startsAt: slot.startsAt,
        endsAt: slot.startsAt + slot.minutes * minute,
        privileged: slot.privileged ? 1 : 0,
        codeHash: digest(slot.visitorCode),
        now: clock.now(),
      });
    }
  })();
}
