import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { VisitLedgerReport } from '../src/shared/protocol/http';

interface Stretch {
  started_at: number;
  ended_at: number | null;
  checked_at: number;
}

/**
 * Where a visit's disagreement comes from, in milliseconds (kiosk minus server, so positive is
 * time the kiosk counted and the server did not): the span from first flow to the end, and each
 * drop's start and end. Read from the server's own `media_flow` rows next to the kiosk's drops,
 * which the kiosk stamps on the server's clock.
 */
export interface LedgerEvidence {
  /** (kiosk connected + disconnected) − (server's last end − first start): the visit's start and end. */
  spanMs: number;
  /** Per drop: the kiosk's start − the server's stretch end (positive: the kiosk saw it later). */
  dropStartsMs: number[];
  /** Per drop: the server's next stretch start − the kiosk's end (positive: the kiosk returned earlier). */
  dropEndsMs: number[];
  /** Drops each side saw: a mismatch means one side saw a stall the other did not. */
  kioskDrops: number;
  serverDrops: number;
}

export function ledgerEvidence(serverDataDir: string, report: VisitLedgerReport): LedgerEvidence | undefined {
  const ledger = report.kiosk?.ledger;
  if (ledger === undefined) return undefined;
  const db = new Database(join(serverDataDir, 'visitation.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const stretches = db
      .prepare<[string], Stretch>(
        'SELECT started_at, ended_at, checked_at FROM media_flow WHERE visit_id = ? ORDER BY started_at',
      )
      .all(report.visitId);
    const first = stretches.at(0);
    const last = stretches.at(-1);
    if (first === undefined || last === undefined) return undefined;
    const serverSpanMs = (last.ended_at ?? last.checked_at) - first.started_at;
    const kioskSpanMs = (ledger.connectedSeconds + ledger.disconnectedSeconds) * 1000;
    const dropStartsMs: number[] = [];
    const dropEndsMs: number[] = [];
    ledger.drops.forEach((drop, index) => {
      const before = stretches[index];
      const after = stretches[index + 1];
      if (before !== undefined && before.ended_at !== null)
        dropStartsMs.push(Date.parse(drop.startedAt) - before.ended_at);
      if (after !== undefined && drop.endedAt !== null) dropEndsMs.push(after.started_at - Date.parse(drop.endedAt));
    });
    return {
      spanMs: Math.round(kioskSpanMs - serverSpanMs),
      dropStartsMs,
      dropEndsMs,
      kioskDrops: ledger.drops.length,
      serverDrops: stretches.length - 1,
    };
  } finally {
    db.close();
  }
}
