import { describeIssues } from '../../src/shared/describe-issues';
import {
  outboxPayloadSchemas,
  type OutboxAck,
  type OutboxRecord,
  type OutboxRecordType,
} from '../../src/shared/protocol/outbox';
import type { z } from 'zod';

import type { Clock } from '../clock';
import type { Db } from '../store/database';

export interface OutboxIngest {
  /** Stores each record once per kiosk and key; acknowledges every record, in order. */
  ingest(kioskId: string, records: readonly OutboxRecord[]): OutboxAck[];
}

/** A record stored for the first time, validated, for whoever acts on its type. */
export type StoredRecord = {
  [T in OutboxRecordType]: {
    kioskId: string;
    key: string;
    type: T;
    payload: z.output<(typeof outboxPayloadSchemas)[T]>;
  };
}[OutboxRecordType];

export interface OutboxIngestOptions {
  /**
   * Called inside the delivery's transaction for each record stored now (never for a duplicate),
   * so what it writes is stored with the record or not at all.
   */
  onStored?(record: StoredRecord): void;
}

export function createOutboxIngest(db: Db, clock: Clock, options: OutboxIngestOptions = {}): OutboxIngest {
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
      if (stored.changes === 0) return { key: record.key, status: 'duplicate' };
      options.onStored?.({ kioskId, key: record.key, type: record.type, payload: payload.data } as StoredRecord);
      return { key: record.key, status: 'stored' };
    }),
  );

  return { ingest };
}
