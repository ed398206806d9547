import type { StaffMember } from '../../src/shared/protocol/staff';
import type { Clock } from '../clock';
import { digest, newToken } from '../credentials/tokens';
import type { Db } from '../store/database';
import { toStaffMember, type StaffRow } from '../staff/staff-accounts';

/** Long enough to place a kiosk with care, short enough that a token left behind is soon worthless. */
export const setupSessionTtlMs = 30 * 60_000;

export interface SetupSessions {
  open(staffId: string): { token: string; expiresAt: number };
  /** The technician of a live setup session; undefined for anything else, or one whose role changed. */
  technician(token: string): StaffMember | undefined;
}

export function createSetupSessions(db: Db, clock: Clock): SetupSessions {
  const insert = db.prepare('INSERT INTO setup_sessions (token_hash, staff_id, expires_at) VALUES (?, ?, ?)');
  const find = db.prepare<[string, number], StaffRow>(
    `SELECT s.* FROM setup_sessions t JOIN staff s ON s.id = t.staff_id
     WHERE t.token_hash = ? AND t.expires_at > ? AND s.role = 'technician'`,
  );
  const removeExpired = db.prepare('DELETE FROM setup_sessions WHERE expires_at <= ?');
  return {
    open(staffId) {
      removeExpired.run(clock.now());
      const token = newToken();
      const expiresAt = clock.now() + setupSessionTtlMs;
      insert.run(digest(token), staffId, expiresAt);
      return { token, expiresAt };
    },
    technician(token) {
      const row = find.get(digest(token), clock.now());
      return row === undefined ? undefined : toStaffMember(row);
    },
  };
}
