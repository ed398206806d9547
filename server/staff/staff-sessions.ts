import type { StaffMember } from '../../src/shared/protocol/staff';
import type { Clock } from '../clock';
import { digest, newToken } from '../credentials/tokens';
import type { Db } from '../store/database';
import { toStaffMember, type StaffRow } from './staff-accounts';

export type StaffPlace = 'kiosk' | 'console';

/**
 * A kiosk's staff overlay lives about 30 s, so its session need not outlast a few minutes; a
 * console session lapses after half an hour unused, each use pushing it on.
 */
export const staffSessionTtlMs: Record<StaffPlace, number> = { kiosk: 5 * 60_000, console: 30 * 60_000 };

export interface StaffSessions {
  open(staffId: string, place: StaffPlace, kioskId: string | null): { token: string; expiresAt: number };
  /** The staff member of a live session opened at `place`; pushes a console session on. */
  use(token: string, place: StaffPlace): StaffMember | undefined;
  close(token: string): void;
}

export function createStaffSessions(db: Db, clock: Clock): StaffSessions {
  const insert = db.prepare(
    'INSERT INTO staff_sessions (token_hash, staff_id, place, kiosk_id, expires_at) VALUES (?, ?, ?, ?, ?)',
  );
  const find = db.prepare<[string, string, number], StaffRow>(
    `SELECT s.* FROM staff_sessions t JOIN staff s ON s.id = t.staff_id
     WHERE t.token_hash = ? AND t.place = ? AND t.expires_at > ?`,
  );
  const pushOn = db.prepare('UPDATE staff_sessions SET expires_at = MAX(expires_at, ?) WHERE token_hash = ?');
  const remove = db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?');
  const removeExpired = db.prepare('DELETE FROM staff_sessions WHERE expires_at <= ?');

  return {
    open(staffId, place, kioskId) {
      removeExpired.run(clock.now());
      const token = newToken();
      const expiresAt = clock.now() + staffSessionTtlMs[place];
      insert.run(digest(token), staffId, place, kioskId, expiresAt);
      return { token, expiresAt };
    },
    use(token, place) {
      const tokenHash = digest(token);
      const row = find.get(tokenHash, place, clock.now());
      if (row === undefined) return undefined;
      if (place === 'console') pushOn.run(clock.now() + staffSessionTtlMs.console, tokenHash);
      return toStaffMember(row);
    },
    close(token) {
      remove.run(digest(token));
    },
  };
}
