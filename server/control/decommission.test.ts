import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlProtocol } from '../../src/shared/protocol/control';
import { readHandshakeError } from '../../src/shared/protocol/handshake';
import { demo } from '../demo/seed';
import { openDatabase, type Db } from '../store/database';
import { connect, connectKiosk } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

describe('a kiosk decommissioned by a technician', () => {
  let server: TestServer;
  let db: Db;

  beforeAll(async () => {
    server = await startTestServer();
    db = openDatabase(server.dataDir);
  });
  afterAll(async () => {
    db.close();
    await server.dispose();
  });

  function auditOf(kioskId: string): unknown[] {
    return db
      .prepare(
        "SELECT staff_id, actor, outcome, detail FROM audit_log WHERE action = 'kiosk.decommissioned' AND kiosk_id = ?",
      )
      .all(kioskId);
  }

  it('is audited with who forced it and how many records are lost, and its token is refused from then on', async () => {
    const client = await connectKiosk(server.url);
    const answer = await client.rpc.request('kiosk.decommission', {
      by: { staffId: demo.technician.id },
      forced: true,
      recordsLost: 4,
    });
    expect(answer.ok).toBe(true);
    expect(auditOf(client.kiosk.kioskId)).toEqual([
      {
        staff_id: demo.technician.id,
        actor: `technician:${demo.technician.id}`,
        outcome: 'forced',
        detail: JSON.stringify({ recordsLost: 4 }),
      },
    ]);
    client.socket.close();
    const refused = await connect(server.url, controlProtocol.namespace, { token: client.kiosk.token }).catch(
      (error: unknown) => error,
    );
    expect(readHandshakeError(refused)?.code).toBe('unauthenticated');
  });

  it('is refused to an officer, and the kiosk stays in service', async () => {
    const client = await connectKiosk(server.url);
    const answer = await client.rpc.request('kiosk.decommission', {
      by: { staffId: demo.officer.id },
      forced: false,
      recordsLost: 0,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_permitted' } });
    expect(auditOf(client.kiosk.kioskId)).toEqual([]);
    client.socket.close();
    const again = await connect(server.url, controlProtocol.namespace, { token: client.kiosk.token });
    expect(again.connected).toBe(true);
    again.close();
  });

  it('refuses a request that would lose records without being forced', async () => {
    const client = await connectKiosk(server.url);
    const answer = await client.rpc.request('kiosk.decommission', {
      by: { staffId: demo.technician.id },
      forced: false,
      recordsLost: 3,
    });
    expect(answer.ok).toBe(false);
    expect(auditOf(client.kiosk.kioskId)).toEqual([]);
    client.socket.close();
  });
});
