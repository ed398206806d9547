import { describeIssues } from '../../src/shared/describe-issues';
import { outboxPayloadSchemas, type OutboxAck, type OutboxRecord } from '../../src/shared/protocol/outbox';

import type { Clock } from '../clock';
import type { Db } from '../store/database';

export interface OutboxIngest {
  /** Stores each record once per kiosk and key; acknowledges every record, in order. */
  ingest(kioskId: string, records: readonly OutboxRecord[]): OutboxAck[];
}

export function createOutboxIngest(db: Db, clock: Clock): OutboxIngest {
  const insert = db.prepare(
    `INSERT INTO outbox_records (kiosk_id, key, type, created_at, payload, received_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kiosk_id, key) DO NOTHING`,
  );

  // One transaction per delivery: a batch is stored whole or not at all, so a kiosk never sees
  // acknowledgements for records that a crash then lost.
  const ingest = db.transaction((kioskId: string, records: readonly OutboxRecord[]): OutboxAck[] =>
    records.map((record): OutboxAck => {
      if (!Object.hasOwn(outboxPayloadSchemas, record.type)) {
        return { key: record.key, status: 'rejected', reason: `unknown record type "${record.type.slice(0, 100)}"` };
      }
      const schema = outboxPayloadSchemas[record.type as keyof typeof outboxPayloadSchemas];
      const payload = schema.safeParse(record.payload);
      if (!payload.success) {
        return {
          key: record.key,
          status: 'rejected',
          reason: `invalid ${record.type} payload: ${describeIssues(payload.error)}`.slice(0, 500),
        };
      }
      const stored = insert.run(
        kioskId,
        record.key,
        record.type,
        record.createdAt,
        JSON.stringify(payload.data),
        clock.now(),
      );
      return { key: record.key, status: stored.changes > 0 ? 'stored' : 'duplicate' };
    }),
  );

  return { ingest };
}
