import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { hashPin, type PinHashCost } from '../credentials/pin-hash';
import { digest } from '../credentials/tokens';
import type { Db } from '../store/database';

/**
 * The demo facility a server started with `--demo` makes sure of, so a kiosk works out of the box.
 * The credentials are fixed and public on purpose; a server started without the flag retires them.
 */
export const demo = {
  facility: { id: 'demo-facility', name: 'Demo County Jail' },
  housingUnit: { id: 'b-east', name: 'B-East' },
  otherHousingUnit: { id: 'b-west', name: 'B-West' },
  enrolmentCode: 'DEMO-KIOSK-2468',
  inmate: { id: '100234', pin: '2468', firstName: 'Marcus', lastName: 'Reyes', housingUnitId: 'b-east' },
  /** Lives in the other unit: signing in at a B-East kiosk is refused `wrong_housing_unit`. */
  otherInmate: { id: '100871', pin: '1357', firstName: 'Dana', lastName: 'Kowalski', housingUnitId: 'b-west' },
  officer: { id: 'demo-officer-diaz', staffNumber: '7001', pin: '8642', displayName: 'Officer Diaz', role: 'officer' },
  technician: {
    id: 'demo-tech-okafor',
    staffNumber: '7101',
    pin: '9753',
    displayName: 'Tech Okafor',
    role: 'technician',
  },
  visits: {
    /** Open now. The first seeding uses these IDs; a visit seeded again after its end gets a new one. */
    now: { id: 'demo-now', visitorCode: 'DEMO-0000-0001', visitor: 'demo-visitor-angela' },
    /** Two hours from now, not open yet; booked for sign language. */
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
/** The demo enrolment code lasts this long from each start with the flag. */
export const demoEnrolmentCodeLifetimeMs = 7 * 24 * 60 * minute;
/** Stored in place of a retired credential: no digest or scrypt hash ever equals it. */
const retired = 'retired';

/** The IDs of the demo visits as this seeding left them. */
export interface DemoVisits {
  now: string;
  later: string;
  legal: string;
}

const demoUnits = `SELECT id FROM housing_units WHERE facility_id = '${demo.facility.id}'`;

/**
 * Idempotent. Demo visits are placed relative to now; one that is still current is left alone, so
 * restarting the server mid-visit keeps the visit. One that is over or was ended stays in the
 * records as it was, without its visitor code, and a new visit with a new ID takes the code: its
 * ledger starts at zero.
 */
export async function seedDemo(db: Db, clock: Clock, cost?: PinHashCost): Promise<DemoVisits> {
  const people = [demo.inmate, demo.otherInmate];
  const usable = new Set(
    (db.prepare('SELECT id FROM inmates WHERE pin_hash != ?').all(retired) as { id: string }[]).map((row) => row.id),
  );
  const staff = [demo.officer, demo.technician];
  const usableStaff = new Set(
    (db.prepare('SELECT id FROM staff WHERE pin_hash != ?').all(retired) as { id: string }[]).map((row) => row.id),
  );
  // Each hash takes about 0.7 s of scrypt; side by side on libuv's threads they cost one server start
  // about 1.3 s instead of 2.8 s.
  const [pinHashes, staffPinHashes] = await Promise.all([
    hashesFor(
      people.filter((person) => !usable.has(person.id)),
      cost,
    ),
    hashesFor(
      staff.filter((member) => !usableStaff.has(member.id)),
      cost,
    ),
  ]);

  const now = Math.floor(clock.now() / minute) * minute;
  const slots = [
    { ...demo.visits.now, startsAt: now - minute, minutes: 30, privileged: false, signLanguage: false },
    { ...demo.visits.later, startsAt: now + 120 * minute, minutes: 30, privileged: false, signLanguage: true },
    { ...demo.visits.legal, startsAt: now + 5 * minute, minutes: 45, privileged: true, signLanguage: false },
  ];

  return db.transaction((): DemoVisits => {
    db.prepare('INSERT OR IGNORE INTO facilities (id, name) VALUES (?, ?)').run(demo.facility.id, demo.facility.name);
    const unit = db.prepare('INSERT OR IGNORE INTO housing_units (id, facility_id, name) VALUES (?, ?, ?)');
    for (const { id, name } of [demo.housingUnit, demo.otherHousingUnit]) unit.run(id, demo.facility.id, name);
    db.prepare(
      `INSERT INTO enrolment_codes (code_hash, housing_unit_id, uses_remaining, expires_at) VALUES (?, ?, NULL, ?)
       ON CONFLICT (code_hash) DO UPDATE SET expires_at = excluded.expires_at`,
    ).run(digest(demo.enrolmentCode), demo.housingUnit.id, clock.now() + demoEnrolmentCodeLifetimeMs);

    const inmate = db.prepare(
      `INSERT INTO inmates (id, housing_unit_id, first_name, last_name, pin_hash) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET pin_hash = excluded.pin_hash WHERE inmates.pin_hash = '${retired}'`,
    );
    for (const person of people) {
      const pinHash = pinHashes.get(person.id);
      if (pinHash !== undefined)
        inmate.run(person.id, person.housingUnitId, person.firstName, person.lastName, pinHash);
    }
    const staffMember = db.prepare(
      `INSERT INTO staff (id, staff_number, display_name, role, housing_unit_id, pin_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET pin_hash = excluded.pin_hash WHERE staff.pin_hash = '${retired}'`,
    );
    for (const member of staff) {
      const pinHash = staffPinHashes.get(member.id);
      if (pinHash !== undefined) {
        staffMember.run(
          member.id,
          member.staffNumber,
          member.displayName,
          member.role,
          demo.housingUnit.id,
          pinHash,
          clock.now(),
        );
      }
    }
    const visitor = db.prepare('INSERT OR IGNORE INTO visitors (id, first_name, last_name) VALUES (?, ?, ?)');
    for (const { id, firstName, lastName } of visitors) visitor.run(id, firstName, lastName);

    const holder = db.prepare<[number, string], { id: string; current: number }>(
      'SELECT id, (ended_at IS NULL AND ends_at > ?) AS current FROM visits WHERE visitor_code_hash = ?',
    );
    const idTaken = db.prepare<[string], { id: string }>('SELECT id FROM visits WHERE id = ?');
    const retireCode = db.prepare(`UPDATE visits SET visitor_code_hash = '${retired}:' || id WHERE id = ?`);
    const insertVisit = db.prepare(
      `INSERT INTO visits (id, inmate_id, visitor_id, starts_at, ends_at, privileged, sign_language, visitor_code_hash)
       VALUES (@id, @inmateId, @visitorId, @startsAt, @endsAt, @privileged, @signLanguage, @codeHash)`,
    );
    const ids = slots.map((slot) => {
      const codeHash = digest(slot.visitorCode);
      const held = holder.get(clock.now(), codeHash);
      if (held?.current === 1) return held.id;
      if (held !== undefined) retireCode.run(held.id);
      const id = idTaken.get(slot.id) === undefined ? slot.id : `${slot.id}-${randomBytes(4).toString('hex')}`;
      insertVisit.run({
        id,
        inmateId: demo.inmate.id,
        visitorId: slot.visitor,
        startsAt: slot.startsAt,
        endsAt: slot.startsAt + slot.minutes * minute,
        privileged: slot.privileged ? 1 : 0,
        signLanguage: slot.signLanguage ? 1 : 0,
        codeHash,
      });
      return id;
    });
    const [nowId, laterId, legalId] = ids as [string, string, string];
    return { now: nowId, later: laterId, legal: legalId };
  })();
}

/**
 * What a start without `--demo` does to a database an earlier demo start seeded: the demo
 * enrolment code is deleted, the demo visits lose their visitor codes and the demo inmates and
 * staff their PINs. Their records stay; `seedDemo` brings the credentials back.
 */
export function retireDemo(db: Db): void {
  db.transaction(() => {
    db.prepare('DELETE FROM enrolment_codes WHERE code_hash = ?').run(digest(demo.enrolmentCode));
    const retireCode = db.prepare(
      `UPDATE visits SET visitor_code_hash = '${retired}:' || id WHERE visitor_code_hash = ?`,
    );
    for (const visit of Object.values(demo.visits)) retireCode.run(digest(visit.visitorCode));
    const retirePin = db.prepare(
      `UPDATE inmates SET pin_hash = '${retired}' WHERE id = ? AND housing_unit_id IN (${demoUnits})`,
    );
    for (const person of [demo.inmate, demo.otherInmate]) retirePin.run(person.id);
    const retireStaffPin = db.prepare(`UPDATE staff SET pin_hash = '${retired}' WHERE id = ?`);
    for (const member of [demo.officer, demo.technician]) retireStaffPin.run(member.id);
  })();
}

async function hashesFor(
  people: readonly { id: string; pin: string }[],
  cost?: PinHashCost,
): Promise<Map<string, string>> {
  return new Map(
    await Promise.all(people.map(async (person) => [person.id, await hashPin(person.pin, cost)] as const)),
  );
}
