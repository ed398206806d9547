import type { StoredRecord } from '../domain/outbox-ingest';
import { staffIdOfActor, type AuditLog } from './audit-log';

/**
 * Kiosk-side staff actions arrive as `audit.event` outbox records. Each becomes one row of the
 * server's audit table, on the server's clock (the kiosk's own time goes in the detail as
 * `kioskAt`), keyed by the kiosk and outbox key so a redelivery adds nothing.
 */
export function ingestKioskAudit(audit: AuditLog, record: StoredRecord): void {
  if (record.type !== 'audit.event') return;
  const { action, actor, at, detail } = record.payload;
  const staffId = typeof detail['staffId'] === 'string' ? detail['staffId'] : staffIdOfActor(actor);
  const outcome = typeof detail['outcome'] === 'string' && detail['outcome'] !== '' ? detail['outcome'] : 'recorded';
  audit.ingest(record.kioskId, record.key, {
    staffId: staffIdOfActor(`staff:${staffId ?? ''}`),
    actor,
    action,
    outcome: outcome.slice(0, 100),
    detail: { ...detail, kioskAt: at },
  });
}
