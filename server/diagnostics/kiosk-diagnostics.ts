import { randomUUID } from 'node:crypto';
import {
  diagnosticsBundleSchema,
  type DiagnosticsOutcome,
  type StoredDiagnostics,
} from '../../src/shared/protocol/diagnostics';
import type { StaffActor } from '../../src/shared/protocol/staff';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { KioskLinks } from '../control/control-namespace';
import type { Logger } from '../log';
import type { Db } from '../store/database';

/** Bundles kept per kiosk: enough to compare before and after a fix, bounded for a fleet. */
export const keptBundlesPerKiosk = 10;

export interface KioskDiagnostics {
  /** Asks the kiosk for a bundle now, keeps it, and audits the request and its outcome. */
  collect(kioskId: string, by: StaffActor | null): Promise<DiagnosticsOutcome>;
  /** The newest bundle kept for the kiosk. */
  latest(kioskId: string): StoredDiagnostics | undefined;
}

interface Row {
  id: string;
  kiosk_id: string;
  requested_by: string | null;
  requested_at: number;
  received_at: number;
  size_bytes: number;
  bundle: string;
}

/**
 * Remote diagnostics: an officer's or technician's request reaches the kiosk over the control
 * channel and its answer, already redacted on the kiosk, is kept here. An offline kiosk is said to
 * be offline at once; the request is not queued for later.
 */
export function createKioskDiagnostics(deps: {
  db: Db;
  kioskLinks: Pick<KioskLinks, 'collectDiagnostics'>;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
}): KioskDiagnostics {
  const { db, audit, clock, log } = deps;
  const insert = db.prepare<[string, string, string | null, number, number, number, string]>(
    `INSERT INTO kiosk_diagnostics (id, kiosk_id, requested_by, requested_at, received_at, size_bytes, bundle)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const prune = db.prepare<[string, string, number]>(
    `DELETE FROM kiosk_diagnostics WHERE kiosk_id = ? AND id NOT IN
       (SELECT id FROM kiosk_diagnostics WHERE kiosk_id = ? ORDER BY received_at DESC, rowid DESC LIMIT ?)`,
  );
  const newest = db.prepare<[string], Row>(
    'SELECT * FROM kiosk_diagnostics WHERE kiosk_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1',
  );
  const keep = db.transaction((row: Row) => {
    insert.run(row.id, row.kiosk_id, row.requested_by, row.requested_at, row.received_at, row.size_bytes, row.bundle);
    prune.run(row.kiosk_id, row.kiosk_id, keptBundlesPerKiosk);
  });

  return {
    async collect(kioskId, by) {
      const id = randomUUID();
      const requestedAt = clock.now();
      const who = { place: by?.where ?? ('server' as const), staffId: by?.staffId ?? null, kioskId };
      const record = (outcome: string, detail: Record<string, string | number> = {}) =>
        audit.record({ ...who, action: 'diagnostics.collect', outcome, detail: { requestId: id, ...detail } });
      record('given');
      const answer = await deps.kioskLinks.collectDiagnostics(kioskId, { id, by });
      if (!answer.ok) {
        const offline = answer.error.code === 'disconnected';
        if (!offline) log.warn({ kioskId, requestId: id, code: answer.error.code }, 'diagnostics not collected');
        record(offline ? 'offline' : 'failed');
        return { status: offline ? 'offline' : 'failed' };
      }
      const bundle = JSON.stringify(answer.result);
      const row: Row = {
        id,
        kiosk_id: kioskId,
        requested_by: by?.staffId ?? null,
        requested_at: requestedAt,
        received_at: clock.now(),
        size_bytes: Buffer.byteLength(bundle),
        bundle,
      };
      keep(row);
      record('collected', { sizeBytes: row.size_bytes });
      return { status: 'collected', diagnostics: stored(row) };
    },
    latest(kioskId) {
      const row = newest.get(kioskId);
      return row === undefined ? undefined : stored(row);
    },
  };
}

function stored(row: Row): StoredDiagnostics {
  return {
    id: row.id,
    kioskId: row.kiosk_id,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    receivedAt: new Date(row.received_at).toISOString(),
    sizeBytes: row.size_bytes,
    bundle: diagnosticsBundleSchema.parse(JSON.parse(row.bundle)),
  };
}
