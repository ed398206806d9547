import type { Db } from '../store/database';

/** One unbroken stretch of media flowing both ways, while it lasts. */
export interface FlowStretch {
  /** Still flowing at `at`: a crash from here on loses only what came after. */
  seen(at: number): void;
  end(at: number): void;
}

/**
 * The server's own record of when media flowed both ways in each visit (`media_flow`): the figure a
 * kiosk's connected seconds are compared with. Times are the server clock's milliseconds.
 */
export interface MediaFlowLog {
  begin(visitId: string, at: number): FlowStretch;
  /** Ended stretches in full, one still open up to when it was last seen flowing. */
  connectedSeconds(visitId: string): number;
  flowing(visitId: string): boolean;
  /** At start: stretches a crash left open end where they were last seen; returns how many. */
  closeInterrupted(): number;
}

interface TotalRow {
  connected_ms: number | null;
  open: number;
}

export function createMediaFlowLog(db: Db): MediaFlowLog {
  const insert = db.prepare('INSERT INTO media_flow (visit_id, started_at, checked_at) VALUES (?, ?, ?)');
  const seen = db.prepare('UPDATE media_flow SET checked_at = ? WHERE id = ? AND ended_at IS NULL');
  const end = db.prepare('UPDATE media_flow SET ended_at = ?, checked_at = ? WHERE id = ? AND ended_at IS NULL');
  const closeOpen = db.prepare('UPDATE media_flow SET ended_at = checked_at WHERE ended_at IS NULL');
  const total = db.prepare<[string], TotalRow>(
    `SELECT SUM(MAX(0, COALESCE(ended_at, checked_at) - started_at)) AS connected_ms,
            COUNT(*) FILTER (WHERE ended_at IS NULL) AS open
     FROM media_flow WHERE visit_id = ?`,
  );
  return {
    begin(visitId, at) {
      const id = insert.run(visitId, at, at).lastInsertRowid;
      return {
        seen: (seenAt) => void seen.run(seenAt, id),
        end: (endedAt) => void end.run(endedAt, endedAt, id),
      };
    },
    connectedSeconds: (visitId) => (total.get(visitId)?.connected_ms ?? 0) / 1000,
    flowing: (visitId) => (total.get(visitId)?.open ?? 0) > 0,
    closeInterrupted: () => closeOpen.run().changes,
  };
}
