import type { PeerRole } from '../../src/shared/protocol/media';
import type { Clock } from '../clock';
import type { Db } from '../store/database';

/** The server's own connected time per visit and side (the `visit_ledger` view sums it). */
export interface Presence {
  /** Records a peer entering a room; call the returned function when it leaves. */
  enter(visitId: string, peerId: string, role: PeerRole): () => void;
  connectedSeconds(visitId: string, role: PeerRole): number;
}

export function createPresence(db: Db, clock: Clock): Presence {
  const insert = db.prepare('INSERT INTO room_presence (visit_id, peer_id, role, joined_at) VALUES (?, ?, ?, ?)');
  const leave = db.prepare('UPDATE room_presence SET left_at = ? WHERE id = ? AND left_at IS NULL');
  const total = db.prepare<[string, string], { connected_seconds: number }>(
    'SELECT connected_seconds FROM visit_ledger WHERE visit_id = ? AND role = ?',
  );
  return {
    enter(visitId, peerId, role) {
      const id = insert.run(visitId, peerId, role, clock.now()).lastInsertRowid;
      return () => void leave.run(clock.now(), id);
    },
    connectedSeconds: (visitId, role) => total.get(visitId, role)?.connected_seconds ?? 0,
  };
}
