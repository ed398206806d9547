import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../demo/seed';
import { signedInConsole, type ConsoleClient } from '../test-support/console-client';
import { startTestServer, type TestServer } from '../test-support/test-server';

const adminToken = 'test-admin-token-0123456789';

describe('a housing unit’s update channel, from the console and from the admin API', () => {
  let server: TestServer;
  let desk: ConsoleClient;
  let watcher: ConsoleClient;

  beforeAll(async () => {
    server = await startTestServer();
    desk = await signedInConsole(server.url, demo.officer);
    watcher = await signedInConsole(server.url, demo.officer);
  });
  afterAll(async () => {
    desk?.close();
    watcher?.close();
    await server?.dispose();
  });

  const unitId = demo.housingUnit.id;
  const snapshot = async () => {
    const answer = await desk.rpc.request('console.snapshot', {});
    if (!answer.ok) throw new Error('no console snapshot');
    return answer.result;
  };
  const channelShown = async () => (await snapshot()).housingUnits.find((unit) => unit.id === unitId)?.updateChannel;
  const admin = (channel: string, unit: string = unitId) =>
    fetch(`${server.url}/api/admin/housing-units/${unit}/update-channel`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ channel }),
    });

  it('shows each unit’s channel, and an officer’s change is audited with who made it and told to every console', async () => {
    expect(await channelShown()).toBe('stable');
    const told = new Promise((resolve) => watcher.rpc.on('updateChannel.changed', resolve));

    const answer = await desk.rpc.request('housingUnit.setUpdateChannel', { housingUnitId: unitId, channel: 'pilot' });

    expect(answer).toEqual({ ok: true, result: { channel: 'pilot', changed: true } });
    expect(await told).toEqual({ housingUnitId: unitId, channel: 'pilot' });
    expect(await channelShown()).toBe('pilot');
    const [entry] = (await snapshot()).audit.filter((row) => row.action === 'update.channel_set');
    expect(entry).toMatchObject({
      place: 'console',
      staffId: demo.officer.id,
      housingUnitId: unitId,
      outcome: 'changed',
      detail: { channel: 'pilot', from: 'stable' },
    });
  });

  it('the same change again changes nothing, and says so', async () => {
    const answer = await desk.rpc.request('housingUnit.setUpdateChannel', { housingUnitId: unitId, channel: 'pilot' });

    expect(answer).toEqual({ ok: true, result: { channel: 'pilot', changed: false } });
    expect((await snapshot()).audit[0]).toMatchObject({ action: 'update.channel_set', outcome: 'unchanged' });
  });

  it('the admin API makes the same change, audited as the admin’s, and the console sees it', async () => {
    const response = await admin('stable');

    expect(response.status).toBe(200);
    expect(await channelShown()).toBe('stable');
    expect((await snapshot()).audit[0]).toMatchObject({
      action: 'update.channel_set',
      place: 'server',
      actor: 'admin',
      staffId: null,
      outcome: 'changed',
      detail: { channel: 'stable', from: 'pilot' },
    });
  });

  it('refuses an unknown unit or channel, and changes nothing', async () => {
    const unknown = await desk.rpc.request('housingUnit.setUpdateChannel', {
      housingUnitId: 'no-such-unit',
      channel: 'pilot',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await admin('pilot', 'no-such-unit')).status).toBe(404);
    expect((await admin('beta')).status).toBe(400);
    const bad = await desk.rpc.request('housingUnit.setUpdateChannel', {
      housingUnitId: unitId,
      channel: 'beta' as 'pilot',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await channelShown()).toBe('stable');
  });
});
