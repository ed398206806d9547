import type { Clock } from '../clock';
import { digest, newToken } from '../credentials/tokens';
import type { Db } from '../store/database';

/** A session lapses after this long unused; each use pushes it on. */
export const sessionIdleMs = 15 * 60_000;

export interface Sessions {
  open(inmateId: string, kioskId: string): { token: string; expiresAt: number };
  /** The inmate of a live session opened at this kiosk; a session is only good where it was opened. */
  use(token: string, kioskId: string): string | undefined;
  /** Keeps a session alive until at least `until`: through a visit nobody touches the kiosk during. */
  extend(token: string, until: number): void;
  close(token: string): void;
}

export function createSessions(db: Db, clock: Clock): Sessions {
  const insert = db.prepare(
    'INSERT INTO inmate_sessions (token_hash, inmate_id, kiosk_id, expires_at) VALUES (?, ?, ?, ?)',
  );
  const find = db.prepare<[string, string, number], { inmate_id: string }>(
    'SELECT inmate_id FROM inmate_sessions WHERE token_hash = ? AND kiosk_id = ? AND expires_at > ?',
  );
  const pushOn = db.prepare('UPDATE inmate_sessions SET expires_at = MAX(expires_at, ?) WHERE token_hash = ?');
  const remove = db.prepare('DELETE FROM inmate_sessions WHERE token_hash = ?');
  const removeExpired = db.prepare('DELETE FROM inmate_sessions WHERE expires_at <= ?');

  return {
    open(inmateId, kioskId) {
      removeExpired.run(clock.now());
      const token = newToken();
      const expiresAt = clock.now() + sessionIdleMs;
      insert.run(digest(token), inmateId, kioskId, expiresAt);
      return { token, expiresAt };
    },
    use(token, kioskId) {
      const tokenHash = digest(token);
      const row = find.get(tokenHash, kioskId, clock.now());
      if (row === undefined) return undefined;
      pushOn.run(clock.now() + sessionIdleMs, tokenHash);
      return row.inmate_id;
    },
    extend(token, until) {
      pushOn.run(until, digest(token));
    },
    close(token) {
      remove.run(digest(token));
    },
  };
}
