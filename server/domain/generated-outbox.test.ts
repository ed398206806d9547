import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  outboxAckSchema,
  outboxPayloadSchemas,
  outboxRecordSchema,
  type OutboxRecord,
} from '../../src/shared/protocol/outbox';
import { generatedRuns, outboxRecord } from '../../tests/support/arbitraries';
import { demo } from '../demo/seed';
import { seededDatabase } from '../test-support/fixtures';
import { manualClock } from '../test-support/manual-clock';
import { createKiosks } from './kiosks';
import { createOutboxIngest } from './outbox-ingest';

// Generated deliveries (already past the protocol's record shape, as the responder hands them on)
// into the real SQLite store: one acknowledgement per record in order, a record stored exactly when
// its type is known and its payload valid, a key stored once, and nothing stored for a rejection.

/** A few shared keys, so that generated batches redeliver and repeat keys. */
const sharedKeys = ['generated-0001', 'generated-0002', 'generated-0003'];

const batch = fc
  .array(
    fc
      .tuple(outboxRecord, fc.option(fc.constantFrom(...sharedKeys), { freq: 2 }))
      .map(([record, key]) =>
        key === null || typeof record !== 'object' || record === null ? record : { ...record, key },
      ),
    { minLength: 1, maxLength: 6 },
  )
  .map((records) =>
    records.flatMap((record) => (outboxRecordSchema.safeParse(record).success ? [record as OutboxRecord] : [])),
  )
  .filter((records) => records.length > 0);

function isAcceptable(record: OutboxRecord): boolean {
  if (!Object.hasOwn(outboxPayloadSchemas, record.type)) return false;
  return outboxPayloadSchemas[record.type as keyof typeof outboxPayloadSchemas].safeParse(record.payload).success;
}

describe('generated outbox deliveries', () => {
  const clock = manualClock();
  let fixture: Awaited<ReturnType<typeof seededDatabase>>;

  beforeAll(async () => {
    fixture = await seededDatabase(clock);
  });
  afterAll(() => fixture.dispose());

  it('acknowledges every record and stores exactly the acceptable ones, once per key', () => {
    const kiosks = createKiosks(fixture.db, clock);
    const ingest = createOutboxIngest(fixture.db, clock);
    const stored = fixture.db.prepare<[string, string], { payload: string }>(
      'SELECT payload FROM outbox_records WHERE kiosk_id = ? AND key = ?',
    );
    const count = fixture.db
      .prepare<[string], number>('SELECT COUNT(*) FROM outbox_records WHERE kiosk_id = ?')
      .pluck();

    // Each case is a new kiosk (keys are per kiosk), so that a case stands alone and shrinks.
    fc.assert(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 3 }), (deliveries) => {
        const kioskId = kiosks.enrol(demo.enrolmentCode)?.kioskId ?? '';
        /** What the store should hold for this kiosk: key to payload. */
        const model = new Map<string, string>();
        for (const records of deliveries) {
          const acks = ingest.ingest(kioskId, records);
          expect(acks.map((ack) => ack.key)).toEqual(records.map((record) => record.key));
          records.forEach((record, index) => {
            const ack = acks[index]!;
            expect(outboxAckSchema.safeParse(ack).success).toBe(true);
            if (!isAcceptable(record)) {
              expect(ack.status).toBe('rejected');
            } else if (!model.has(record.key)) {
              expect(ack.status).toBe('stored');
              const type = record.type as keyof typeof outboxPayloadSchemas;
              model.set(record.key, JSON.stringify(outboxPayloadSchemas[type].parse(record.payload)));
            } else {
              expect(ack.status).toBe('duplicate');
            }
          });
          // A rejected key is in the store only if an acceptable record of the same key put it there.
          for (const { key } of records) expect(stored.get(kioskId, key)?.payload).toBe(model.get(key));
          expect(count.get(kioskId)).toBe(model.size);
        }
      }),
      { numRuns: generatedRuns },
    );
  });
});
