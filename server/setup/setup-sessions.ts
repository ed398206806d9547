import type { StaffMember } from '../../src/shared/protocol/staff';
import type { Clock } from '../clock';
import { digest, newToken } from '../credentials/tokens';
import type { Db } from '../store/database';
import { toStaffMember, type StaffRow } from '../staff/staff-accounts';

/** Long enough to place a kiosk with care, short enough that a token left behind is soon worthless. */
export const setupSessionTtlMs = 30 * 60_000;

/** Who a live setup session is for: a technician, or the enrolment code (by its hash) that opened it. */
export type SetupHolder = { kind: 'technician'; technician: StaffMember } | { kind: 'code'; codeHash: string };

export interface SetupSessions {
  open(staffId: string): { token: string; expiresAt: number };
  /** A session for an enrolment code, no longer than the code itself lives. */
  openForCode(codeHash: string, codeExpiresAt: number): { token: string; expiresAt: number };
  /** The technician of a live setup session; undefined for anything else, or one whose role changed. */
  technician(token: string): StaffMember | undefined;
  /** Whoever holds a live setup session; undefined for anything else. */
  holder(token: string): SetupHolder | undefined;
}

export function createSetupSessions(db: Db, clock: Clock): SetupSessions {
  const insert = db.prepare('INSERT INTO setup_sessions (token_hash, staff_id, expires_at) VALUES (?, ?, ?)');
  const find = db.prepare<[string, number], StaffRow>(
    `SELECT s.* FROM setup_sessions t JOIN staff s ON s.id = t.staff_id
     WHERE t.token_hash = ? AND t.expires_at > ? AND s.role = 'technician'`,
  );
  const removeExpired = db.prepare('DELETE FROM setup_sessions WHERE expires_at <= ?');
  const insertForCode = db.prepare(
    'INSERT INTO setup_code_sessions (token_hash, code_hash, expires_at) VALUES (?, ?, ?)',
  );
  const findForCode = db.prepare<[string, number], { code_hash: string }>(
    'SELECT code_hash FROM setup_code_sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const removeExpiredForCode = db.prepare('DELETE FROM setup_code_sessions WHERE expires_at <= ?');
  const technician = (token: string): StaffMember | undefined => {
    const row = find.get(digest(token), clock.now());
    return row === undefined ? undefined : toStaffMember(row);
  };
  return {
    open(staffId) {
      removeExpired.run(clock.now());
      const token = newToken();
      const expiresAt = clock.now() + setupSessionTtlMs;
      insert.run(digest(token), staffId, expiresAt);
      return { token, expiresAt };
    },
    openForCode(codeHash, codeExpiresAt) {
      removeExpiredForCode.run(clock.now());
      const token = newToken();
      const expiresAt = Math.min(clock.now() + setupSessionTtlMs, codeExpiresAt);
      insertForCode.run(digest(token), codeHash, expiresAt);
      return { token, expiresAt };
    },
    technician,
    holder(token) {
      const member = technician(token);
      if (member !== undefined) return { kind: 'technician', technician: member };
      const row = findForCode.get(digest(token), clock.now());
      return row === undefined ? undefined : { kind: 'code', codeHash: row.code_hash };
    },
  };
}
