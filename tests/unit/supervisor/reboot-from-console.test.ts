import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../../src/main/config/runtime-config';
import { startKioskRuntime, type KioskRuntime } from '../../../src/main/kiosk-runtime';
import { logindReboot } from '../../../src/main/supervisor/logind-reboot';
import { demo } from '../../../server/demo/seed';
import { signedInConsole, type ConsoleClient } from '../../../server/test-support/console-client';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog } from '../store/helpers';
import { fakeBusctl } from './fake-busctl';

describe('a reboot from the console, through a real kiosk runtime, to logind', () => {
  let server: TestServer;
  let desk: ConsoleClient;
  let kiosk: KioskRuntime;
  let kioskId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-reboot-'));
  const busctl = fakeBusctl({}, mkdtempSync(join(tmpdir(), 'kiosk-busctl-')));

  beforeAll(async () => {
    server = await startTestServer();
    kiosk = await startKioskRuntime({
      host: 'electron',
      dataDir,
      config: loadRuntimeConfig({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: demo.enrolmentCode }),
      appName: 'reboot test',
      version: '1.4.2-test',
      log: silentLog,
      hostReboot: logindReboot({ env: busctl.env }),
    });
    const link = kiosk.link;
    if (link === undefined) throw new Error('the kiosk did not enrol');
    if (!link.connected) await new Promise<void>((resolve) => link.onConnect(() => resolve()));
    kioskId = kiosk.store.config.get('kioskId') ?? '';
    desk = await signedInConsole(server.url, demo.officer);
  });
  afterAll(async () => {
    desk?.close();
    await kiosk?.close();
    await server?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(busctl.env.PATH, { recursive: true, force: true });
  });

  it('is answered and audited before logind is asked to reboot', async () => {
    // Asked once at start whether logind would reboot for this user.
    expect(busctl.calls()).toEqual([expect.stringMatching(/ CanReboot$/)]);

    const answer = await desk.rpc.request('kiosk.command', { kioskId, action: { type: 'reboot' } });

    expect(answer).toEqual({ ok: true, result: { outcome: { kioskId, status: 'accepted' } } });
    const [audited] = kiosk.store.audit.recent(1);
    expect(audited).toMatchObject({
      action: 'staff.reboot',
      // The console names no role: the server admitted the officer, and the kiosk trusts it for that.
      actor: `staff:${demo.officer.id}`,
      detail: { where: 'console', outcome: 'accepted' },
    });
    // The audit entry is in the outbox, whether or not it reaches the server before the shutdown.
    expect(kiosk.store.outbox.head(50).map((record) => record.key)).toContain(audited?.outboxKey);
    // The console had its answer before the reboot was asked for.
    expect(busctl.calls()).toHaveLength(1);
    await expect.poll(() => busctl.calls().at(-1), { timeout: 5000 }).toMatch(/ Reboot b false$/);
  });
});
