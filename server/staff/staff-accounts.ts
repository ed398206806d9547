import { randomBytes } from 'node:crypto';
import type { StaffMember, StaffRole } from '../../src/shared/protocol/staff';
import type { Clock } from '../clock';
import { hashPin, type PinHashCost } from '../credentials/pin-hash';
import type { Db } from '../store/database';

export interface NewStaffMember {
  staffNumber: string;
  displayName: string;
  role: StaffRole;
  pin: string;
  housingUnitId: string | null;
}

export interface StaffRow {
  id: string;
  staff_number: string;
  display_name: string;
  role: StaffRole;
  housing_unit_id: string | null;
  pin_hash: string;
}

export type StaffAccountRefusal = 'staff_number_taken' | 'no_such_housing_unit';

export interface StaffAccounts {
  /** A new account, or why not: the staff number is taken, or the housing unit unknown. */
  create(member: NewStaffMember): Promise<StaffMember | StaffAccountRefusal>;
  byNumber(staffNumber: string): StaffRow | undefined;
  byId(staffId: string): StaffMember | undefined;
  replacePinHash(staffId: string, oldHash: string, newHash: string): void;
}

export function toStaffMember(row: StaffRow): StaffMember {
  return { staffId: row.id, staffNumber: row.staff_number, displayName: row.display_name, role: row.role };
}

export function createStaffAccounts(db: Db, clock: Clock, cost?: PinHashCost): StaffAccounts {
  const insert = db.prepare(
    `INSERT INTO staff (id, staff_number, display_name, role, housing_unit_id, pin_hash, created_at)
     VALUES (@id, @staffNumber, @displayName, @role, @housingUnitId, @pinHash, @now)
     ON CONFLICT (staff_number) DO NOTHING`,
  );
  const unitExists = db.prepare<[string], { id: string }>('SELECT id FROM housing_units WHERE id = ?');
  const findNumber = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE staff_number = ?');
  const findId = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE id = ?');
  const updateHash = db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ? AND pin_hash = ?');

  return {
    async create(member) {
      if (member.housingUnitId !== null && unitExists.get(member.housingUnitId) === undefined) {
        return 'no_such_housing_unit';
      }
      const id = `staff-${randomBytes(6).toString('hex')}`;
      const pinHash = await hashPin(member.pin, cost);
      const stored = insert.run({ ...member, id, pinHash, now: clock.now() });
      if (stored.changes === 0) return 'staff_number_taken';
      return { staffId: id, staffNumber: member.staffNumber, displayName: member.displayName, role: member.role };
    },
    byNumber: (staffNumber) => findNumber.get(staffNumber),
    byId(staffId) {
      const row = findId.get(staffId);
      return row === undefined ? undefined : toStaffMember(row);
    },
    replacePinHash(staffId, oldHash, newHash) {
      updateHash.run(newHash, staffId, oldHash);
    },
  };
}
