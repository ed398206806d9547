import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../../src/shared/protocol/outbox';
import { createKiosks } from './kiosks';
import { createOutboxIngest, type OutboxIngest } from './outbox-ingest';
import { demo } from '../demo/seed';
import { seededDatabase } from '../test-support/fixtures';
import { manualClock } from '../test-support/manual-clock';

const audit = (key: string): OutboxRecord => ({
  key,
  type: 'audit.event',
  createdAt: '2026-11-22T12:00:00.000Z',
  payload: { action: 'visit.started', actor: 'kiosk', at: '2026-11-22T12:00:00.000Z', detail: { visitId: 'demo-now' } },
});

describe('outbox ingestion', () => {
  const clock = manualClock();
  let fixture: Awaited<ReturnType<typeof seededDatabase>>;
  let outbox: OutboxIngest;
  let kioskA: string;
  let kioskB: string;
  const storedCount = (): number =>
    (fixture.db.prepare('SELECT COUNT(*) AS n FROM outbox_records').get() as { n: number }).n;

  beforeEach(async () => {
    fixture = await seededDatabase(clock);
    outbox = createOutboxIngest(fixture.db, clock);
    const kiosks = createKiosks(fixture.db, clock);
    kioskA = kiosks.enrol(demo.enrolmentCode)?.kioskId ?? '';
    kioskB = kiosks.enrol(demo.enrolmentCode)?.kioskId ?? '';
  });
  afterEach(() => fixture.dispose());

  it('stores a key once and acknowledges a redelivery as a duplicate', () => {
    expect(outbox.ingest(kioskA, [audit('key-00000001')])).toEqual([{ key: 'key-00000001', status: 'stored' }]);
    expect(outbox.ingest(kioskA, [audit('key-00000001'), audit('key-00000002')])).toEqual([
      { key: 'key-00000001', status: 'duplicate' },
      { key: 'key-00000002', status: 'stored' },
    ]);
    expect(storedCount()).toBe(2);
  });

  it('scopes keys to the kiosk that sent them', () => {
    outbox.ingest(kioskA, [audit('key-00000001')]);
    expect(outbox.ingest(kioskB, [audit('key-00000001')])).toEqual([{ key: 'key-00000001', status: 'stored' }]);
  });

  it('rejects unknown types and invalid payloads with a reason, and stores neither', () => {
    const acks = outbox.ingest(kioskA, [
      { ...audit('key-00000003'), type: 'telemetry.blob' },
      { ...audit('key-00000004'), payload: { action: '', actor: 'kiosk' } },
      { ...audit('key-00000005'), type: 'toString' },
    ]);
    expect(acks.map((ack) => ack.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(acks[0]).toMatchObject({ reason: expect.stringContaining('unknown record type') });
    expect(acks[1]).toMatchObject({ reason: expect.stringContaining('invalid audit.event payload') });
    expect(storedCount()).toBe(0);
  });

  it('stores the payload as validated, with its defaults filled in', () => {
    const record = audit('key-00000006');
    outbox.ingest(kioskA, [{ ...record, payload: { ...(record.payload as object), detail: undefined } }]);
    const row = fixture.db.prepare('SELECT payload FROM outbox_records WHERE key = ?').get('key-00000006') as {
      payload: string;
    };
    expect(JSON.parse(row.payload)).toMatchObject({ detail: {} });
  });
});
