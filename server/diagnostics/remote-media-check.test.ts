import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaCheckResult } from '../../src/shared/contract/media-check';
import type { MediaCheckRunAnswer, MediaCheckRunRequest } from '../../src/shared/protocol/media-check-run';
import { mayUseConsoleTool } from '../console/console-permissions';
import { demo } from '../demo/seed';
import { attractStatus, connectKiosk, type KioskClient } from '../test-support/clients';
import { signedInConsole, type ConsoleClient } from '../test-support/console-client';
import { startTestServer, type TestServer } from '../test-support/test-server';

const passed: MediaCheckResult = {
  ok: true,
  path: 'tcp',
  roundTripMs: 4,
  packetLossPercent: 0.5,
  videoBitrateKbps: 612,
  durationMs: 3100,
  checkedAt: '2026-12-03T18:00:00.000Z',
};

describe('the console’s network check, through the server to a kiosk and back', () => {
  let server: TestServer;
  let kiosk: KioskClient;
  let desk: ConsoleClient;
  const asked: MediaCheckRunRequest[] = [];
  let answer: (request: MediaCheckRunRequest) => MediaCheckRunAnswer | Promise<MediaCheckRunAnswer> = () => ({
    status: 'checked',
    result: passed,
  });

  beforeAll(async () => {
    server = await startTestServer();
    kiosk = await connectKiosk(server.url);
    kiosk.rpc.handle('mediaCheck.run', (request) => {
      asked.push(request);
      return answer(request);
    });
    await kiosk.rpc.request('kiosk.heartbeat', { status: attractStatus });
    desk = await signedInConsole(server.url, demo.officer);
  });
  afterAll(async () => {
    desk?.close();
    kiosk?.socket.close();
    await server?.dispose();
  });

  const kioskId = () => kiosk.kiosk.kioskId;
  const run = () => desk.rpc.request('kiosk.runMediaCheck', { kioskId: kioskId() });
  const recentAudit = async () => {
    const snapshot = await desk.rpc.request('console.snapshot', {});
    if (!snapshot.ok) throw new Error('no console snapshot');
    return snapshot.result;
  };

  it('asks the kiosk with who asked, keeps its result as the kiosk’s last check, and audits the figures', async () => {
    const outcome = await run();

    expect(outcome).toEqual({ ok: true, result: { outcome: { status: 'checked', result: passed } } });
    expect(asked.at(-1)).toMatchObject({ by: { staffId: demo.officer.id, where: 'console' } });
    const snapshot = await recentAudit();
    const card = snapshot.housingUnits.flatMap((unit) => unit.kiosks).find((k) => k.kioskId === kioskId());
    expect(card?.lastMediaCheck).toEqual(passed);
    const entries = snapshot.audit.filter((entry) => entry.action === 'media_check.run');
    expect(entries.slice(0, 2).map((entry) => entry.outcome)).toEqual(['passed', 'given']);
    expect(entries[0]).toMatchObject({
      staffId: demo.officer.id,
      kioskId: kioskId(),
      detail: { mediaPath: 'tcp', roundTripMs: 4, packetLossPercent: 0.5, videoBitrateKbps: 612 },
    });
    expect(entries[0]?.detail['requestId']).toBe(asked.at(-1)?.id);
  });

  it('passes the kiosk’s refusal on in its own words, and keeps the last result', async () => {
    answer = () => ({ status: 'refused', reason: 'visit_in_progress' });

    expect(await run()).toEqual({
      ok: true,
      result: { outcome: { status: 'refused', reason: 'visit_in_progress' } },
    });
    const snapshot = await recentAudit();
    expect(snapshot.audit[0]).toMatchObject({ action: 'media_check.run', outcome: 'refused' });
    expect(snapshot.audit[0]?.detail['reason']).toBe('visit_in_progress');
    const card = snapshot.housingUnits.flatMap((unit) => unit.kiosks).find((k) => k.kioskId === kioskId());
    expect(card?.lastMediaCheck).toEqual(passed);
  });

  it('says failed for an answer that breaks the contract', async () => {
    answer = () => ({ status: 'checked', result: { ok: true } }) as unknown as MediaCheckRunAnswer;

    expect(await run()).toEqual({ ok: true, result: { outcome: { status: 'failed' } } });
  });

  it('refuses an unknown kiosk', async () => {
    const outcome = await desk.rpc.request('kiosk.runMediaCheck', { kioskId: 'kiosk-nowhere' });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('says offline at once for a kiosk that is not connected, and asks nothing', async () => {
    const before = asked.length;
    kiosk.socket.close();
    await expect
      .poll(
        async () =>
          (await recentAudit()).housingUnits.flatMap((u) => u.kiosks).find((k) => k.kioskId === kioskId())?.online,
      )
      .toBe(false);

    const started = Date.now();
    expect(await run()).toEqual({ ok: true, result: { outcome: { status: 'offline' } } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(asked).toHaveLength(before);
    expect((await recentAudit()).audit[0]).toMatchObject({ action: 'media_check.run', outcome: 'offline' });
  });
});

describe('who may use the console’s tools', () => {
  it('lets officers and technicians run the network check, and only officers change a unit’s update channel', () => {
    expect(mayUseConsoleTool('officer', 'media_check')).toBe(true);
    expect(mayUseConsoleTool('technician', 'media_check')).toBe(true);
    expect(mayUseConsoleTool('officer', 'update_channel')).toBe(true);
    expect(mayUseConsoleTool('technician', 'update_channel')).toBe(false);
  });
});
