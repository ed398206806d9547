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
  /**
   * A new token for the inmate's live session at this kiosk, replacing it (the kiosk restarted and
   * lost the old one); undefined when there is none. It lasts as long as the one it replaces.
   */
  resume(inmateId: string, kioskId: string): { token: string; expiresAt: number } | undefined;
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
  const liveAt = db.prepare<[string, string, number], { expires_at: number }>(
    'SELECT MAX(expires_at) AS expires_at FROM inmate_sessions WHERE inmate_id = ? AND kiosk_id = ? AND expires_at > ?',
  );
  const removeAt = db.prepare('DELETE FROM inmate_sessions WHERE inmate_id = ? AND kiosk_id = ?');
  const resume = db.transaction((inmateId: string, kioskId: string) => {
    const live = liveAt.get(inmateId, kioskId, clock.now())?.expires_at ?? null;
    if (live === null) return undefined;
    removeAt.run(inmateId, kioskId);
    const token = newToken();
    const expiresAt = Math.max(live, clock.now() + sessionIdleMs);
    insert.run(digest(token), inmateId, kioskId, expiresAt);
    return { token, expiresAt };
  });

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
    resume,
  };
}
