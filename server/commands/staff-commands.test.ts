import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCommand } from '../../src/shared/protocol/control';
import { housingUnitCommandResponseSchema } from '../../src/shared/protocol/http';
import { demo } from '../demo/seed';
import { openDatabase, type Db } from '../store/database';
import { connectKiosk, enrol, type KioskClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

describe('staff commands to kiosks and housing units', () => {
  let server: TestServer;
  let db: Db;
  let willing: KioskClient;
  let alreadyLocked: KioskClient;
  let offlineKioskId: string;
  const received: Array<{ kioskId: string; command: KioskCommand }> = [];

  beforeAll(async () => {
    server = await startTestServer();
    db = openDatabase(server.dataDir);
    willing = await connectKiosk(server.url);
    alreadyLocked = await connectKiosk(server.url);
    offlineKioskId = (await enrol(server.url)).kioskId;
    willing.rpc.handle('command', (command) => {
      received.push({ kioskId: willing.kiosk.kioskId, command });
      return { id: command.id, status: 'accepted' };
    });
    alreadyLocked.rpc.handle('command', (command) => {
      received.push({ kioskId: alreadyLocked.kiosk.kioskId, command });
      return { id: command.id, status: 'refused', reason: 'already_locked' };
    });
  });
  afterAll(async () => {
    willing.socket.close();
    alreadyLocked.socket.close();
    db.close();
    await server.dispose();
  });

  const admin = (path: string, body: unknown) =>
    fetch(`${server.url}/api/admin/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.adminToken}` },
      body: JSON.stringify(body),
    });

  it('fans a lockdown out to every kiosk of the unit and reports each: accepted, refused, offline', async () => {
    received.length = 0;
    const response = await admin(`housing-units/${demo.housingUnit.id}/commands`, { action: { type: 'lock' } });
    expect(response.status).toBe(200);
    const { results } = housingUnitCommandResponseSchema.parse(await response.json());
    expect(results).toHaveLength(3);
    expect(results).toEqual(
      expect.arrayContaining([
        { kioskId: willing.kiosk.kioskId, status: 'accepted' },
        { kioskId: alreadyLocked.kiosk.kioskId, status: 'refused', reason: 'already_locked' },
        { kioskId: offlineKioskId, status: 'offline' },
      ]),
    );
    // Each kiosk got its own command ID, and the admin API names nobody.
    expect(received.map(({ command }) => command.by)).toEqual([null, null]);
    expect(new Set(received.map(({ command }) => command.id)).size).toBe(2);

    const audit = db
      .prepare("SELECT kiosk_id, outcome, place, actor FROM audit_log WHERE action = 'command.lock' ORDER BY id")
      .all() as Array<{ kiosk_id: string; outcome: string; place: string; actor: string }>;
    expect(audit.filter((row) => row.outcome === 'given')).toHaveLength(3);
    expect(audit.filter((row) => row.outcome !== 'given').map((row) => [row.kiosk_id, row.outcome])).toEqual(
      expect.arrayContaining([
        [willing.kiosk.kioskId, 'accepted'],
        [alreadyLocked.kiosk.kioskId, 'already_locked'],
        [offlineKioskId, 'offline'],
      ]),
    );
    expect(audit.every((row) => row.place === 'server' && row.actor === 'admin')).toBe(true);
  });

  it('leaves another housing unit’s kiosks alone, and refuses an unknown unit', async () => {
    received.length = 0;
    const response = await admin(`housing-units/${demo.otherHousingUnit.id}/commands`, { action: { type: 'unlock' } });
    expect(housingUnitCommandResponseSchema.parse(await response.json())).toEqual({ results: [] });
    expect(received).toEqual([]);
    expect((await admin('housing-units/no-such-unit/commands', { action: { type: 'unlock' } })).status).toBe(404);
  });

  it('passes a kiosk command’s own ID through the admin API, with or without `by: null`', async () => {
    const id = randomUUID();
    const response = await admin(`kiosks/${willing.kiosk.kioskId}/commands`, {
      id,
      action: { type: 'set_out_of_service', reason: 'maintenance' },
    });
    expect(await response.json()).toEqual({ id, status: 'accepted' });
    expect(received.at(-1)?.command).toEqual({
      id,
      by: null,
      action: { type: 'set_out_of_service', reason: 'maintenance' },
    });
    const named = await admin(`kiosks/${willing.kiosk.kioskId}/commands`, {
      id: randomUUID(),
      by: { staffId: demo.officer.id, where: 'console' },
      action: { type: 'lock' },
    });
    expect(named.status).toBe(400);
    expect((await admin(`kiosks/${offlineKioskId}/commands`, { id, action: { type: 'lock' } })).status).toBe(409);
  });
});
