import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../demo/seed';
import { openDatabase, type Db } from '../store/database';
import { connectKiosk, type KioskClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { staffIdOfActor } from './audit-log';

describe('kiosk staff actions in the server’s audit table', () => {
  let server: TestServer;
  let db: Db;
  let kiosk: KioskClient;

  beforeAll(async () => {
    server = await startTestServer();
    db = openDatabase(server.dataDir);
    kiosk = await connectKiosk(server.url);
  });
  afterAll(async () => {
    kiosk.socket.close();
    db.close();
    await server.dispose();
  });

  const auditEvent = (key: string, payload: object) => ({
    key,
    type: 'audit.event',
    createdAt: '2026-12-02T10:00:00.000Z',
    payload,
  });

  it('ingests an audit.event once, on the server’s clock, naming the staff member and the kiosk', async () => {
    const before = Date.now();
    const record = auditEvent('audit-0000-lock', {
      action: 'staff.lock',
      actor: `officer:${demo.officer.id}`,
      at: '2026-12-02T09:59:58.000Z',
      detail: { outcome: 'accepted' },
    });
    const first = await kiosk.rpc.request('outbox.deliver', { records: [record] });
    const again = await kiosk.rpc.request('outbox.deliver', { records: [record] });
    expect(first).toMatchObject({ ok: true, result: { acks: [{ status: 'stored' }] } });
    expect(again).toMatchObject({ ok: true, result: { acks: [{ status: 'duplicate' }] } });
    const rows = db.prepare("SELECT * FROM audit_log WHERE action = 'staff.lock'").all() as Array<
      Record<string, unknown>
    >;
    expect(rows).toEqual([
      expect.objectContaining({
        place: 'kiosk',
        staff_id: demo.officer.id,
        kiosk_id: kiosk.kiosk.kioskId,
        housing_unit_id: demo.housingUnit.id,
        outcome: 'accepted',
        source_key: `${kiosk.kiosk.kioskId}:audit-0000-lock`,
      }),
    ]);
    expect(rows[0]?.['at']).toBeGreaterThanOrEqual(before);
    expect(JSON.parse(String(rows[0]?.['detail']))).toMatchObject({ kioskAt: '2026-12-02T09:59:58.000Z' });
  });

  it('keeps an event without a staff member as recorded, and never lets one name a malformed staff ID', async () => {
    await kiosk.rpc.request('outbox.deliver', {
      records: [
        auditEvent('audit-0001-boot', { action: 'kiosk.started', actor: 'kiosk', at: '2026-12-02T10:00:00.000Z' }),
        auditEvent('audit-0002-odd', {
          action: 'staff.unlock',
          actor: 'officer:../../etc',
          at: '2026-12-02T10:00:00.000Z',
          detail: { staffId: 'Robert"); DROP TABLE' },
        }),
      ],
    });
    const rows = db
      .prepare("SELECT action, staff_id, outcome FROM audit_log WHERE action IN ('kiosk.started', 'staff.unlock')")
      .all();
    expect(rows).toEqual([
      { action: 'kiosk.started', staff_id: null, outcome: 'recorded' },
      { action: 'staff.unlock', staff_id: null, outcome: 'recorded' },
    ]);
  });

  it.each([
    ['staff:demo-officer-diaz', 'demo-officer-diaz'],
    ['technician:demo-tech-okafor', 'demo-tech-okafor'],
    ['inmate:100234', null],
    ['officer:', null],
    ['server', null],
  ])('reads the staff ID of actor %s as %s', (actor, staffId) => {
    expect(staffIdOfActor(actor)).toBe(staffId);
  });
});
