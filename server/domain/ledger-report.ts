import { z } from 'zod';
import type { VisitLedgerReport } from '../../src/shared/protocol/http';
import { visitLedgerPayloadSchema } from '../../src/shared/protocol/outbox';
import type { Db } from '../store/database';
import type { MediaFlowLog } from './media-flow-log';
import type { Presence } from './presence';

export interface LedgerReports {
  /** Undefined when there is no such visit. */
  report(visitId: string): VisitLedgerReport | undefined;
}

const kioskLedgerRowSchema = z.object({ kiosk_id: z.string(), created_at: z.string(), payload: z.string() });

/**
 * Lays a kiosk's own account of a visit's connected seconds (the `visit.ledger` records it delivered
 * through its outbox) next to the server's (the media flow log). The kiosk's final record wins over
 * its periodic ones; among those, the last stored.
 */
export function createLedgerReports(db: Db, flow: MediaFlowLog, presence: Presence): LedgerReports {
  const visitExists = db.prepare<[string], { id: string }>('SELECT id FROM visits WHERE id = ?');
  const latestKioskLedger = db.prepare<[string], unknown>(
    `SELECT kiosk_id, created_at, payload FROM outbox_records
     WHERE type = 'visit.ledger' AND json_extract(payload, '$.visitId') = ?
     ORDER BY json_extract(payload, '$.final') DESC, rowid DESC LIMIT 1`,
  );
  return {
    report(visitId) {
      if (visitExists.get(visitId) === undefined) return undefined;
      const connectedSeconds = flow.connectedSeconds(visitId);
      const row = latestKioskLedger.get(visitId);
      const kiosk = row === undefined ? null : kioskLedger(kioskLedgerRowSchema.parse(row));
      return {
        visitId,
        server: {
          connectedSeconds,
          flowing: flow.flowing(visitId),
          roomSeconds: {
            inmate: presence.connectedSeconds(visitId, 'inmate'),
            visitor: presence.connectedSeconds(visitId, 'visitor'),
          },
        },
        kiosk,
        differenceSeconds:
          kiosk === null ? null : Math.round((kiosk.ledger.connectedSeconds - connectedSeconds) * 1000) / 1000,
      };
    },
  };
}

function kioskLedger(row: z.infer<typeof kioskLedgerRowSchema>): NonNullable<VisitLedgerReport['kiosk']> {
  return {
    kioskId: row.kiosk_id,
    createdAt: row.created_at,
    // Validated when it was ingested; parsed again because it comes back from a text column.
    ledger: visitLedgerPayloadSchema.parse(JSON.parse(row.payload)),
  };
}
