import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRuntimeConfig } from '../../../src/main/config/runtime-config';
import { startKioskRuntime, type KioskRuntime } from '../../../src/main/kiosk-runtime';
import { consoleCheckRefusal } from '../../../src/main/staff/console-check';
import type { KioskSnapshot } from '../../../src/shared/contract/kiosk';
import { demo } from '../../../server/demo/seed';
import { signedInConsole, type ConsoleClient } from '../../../server/test-support/console-client';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { echoed } from '../provisioning/setup-flow-helpers';
import { silentLog } from '../store/helpers';

/** Long enough for a report right after the room opens, short enough to wait out a lost one. */
const roomLifetimeMs = 3000;

describe('the console’s network check, through a real kiosk runtime and server', () => {
  let server: TestServer;
  let desk: ConsoleClient;
  let kiosk: KioskRuntime;
  let kioskId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-console-check-'));

  beforeAll(async () => {
    server = await startTestServer({ mediaCheckLifetimeMs: roomLifetimeMs });
    kiosk = await startKioskRuntime({
      host: 'preview',
      dataDir,
      config: loadRuntimeConfig({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: demo.enrolmentCode }),
      appName: 'console check test',
      version: '1.5.0-test',
      log: silentLog,
    });
    const link = kiosk.link;
    if (link === undefined) throw new Error('the kiosk did not enrol');
    if (!link.connected) await new Promise<void>((resolve) => link.onConnect(() => resolve()));
    kioskId = kiosk.store.config.get('kioskId') ?? '';
    desk = await signedInConsole(server.url, demo.officer, 60_000);
  });
  afterAll(async () => {
    desk?.close();
    await kiosk?.close();
    await server?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const snapshot = () => kiosk.services.view.snapshot();
  const run = () => desk.rpc.request('kiosk.runMediaCheck', { kioskId });
  /** The renderer's part: once the screen shows the running check, its echo room is open on the server. */
  async function runningCheck(): Promise<Extract<KioskSnapshot, { screen: 'networkCheck' }>['check']> {
    await expect
      .poll(() => {
        const now = snapshot();
        return now.screen === 'networkCheck' ? now.check.status : now.screen;
      })
      .toBe('running');
    const now = snapshot();
    if (now.screen !== 'networkCheck') throw new Error('the check left the screen');
    return now.check;
  }
  const dispatch = (channel: string, payload: unknown) =>
    kiosk.services.dispatch({ type: 'request', id: Math.floor(Math.random() * 1e6), channel, payload });

  it('shows the check in place of the attract screen, answers the console with the result, and keeps it', async () => {
    expect(snapshot().screen).toBe('attract');
    const asked = run();
    const check = await runningCheck();
    if (check.status !== 'running') throw new Error('not running');

    // An inmate touching the screen mid-check does not start a session: the screen is the check's.
    await dispatch('kiosk.begin', {});
    expect(snapshot().screen).toBe('networkCheck');
    await dispatch('kiosk.checkReport', echoed(check.checkId));

    const answer = await asked;
    if (!answer.ok || answer.result.outcome.status !== 'checked') throw new Error(JSON.stringify(answer));
    const { result } = answer.result.outcome;
    expect(result).toMatchObject({
      ok: true,
      path: 'udp',
      roundTripMs: 2,
      packetLossPercent: 1,
      videoBitrateKbps: 813,
    });
    expect(snapshot().screen).toBe('attract');
    // Kept as the kiosk's last check, as a technician's is, and audited with who asked from where.
    expect(kiosk.store.config.get('mediaCheck')).toEqual(result);
    const [audited] = kiosk.store.audit.recent(1);
    expect(audited).toMatchObject({
      action: 'kiosk.media_checked',
      actor: `staff:${demo.officer.id}`,
      detail: { where: 'console', outcome: 'passed', mediaPath: 'udp', videoBitrateKbps: 813 },
    });
    expect(kiosk.store.outbox.head(100).map((record) => record.key)).toContain(audited?.outboxKey);
    // The next diagnostics bundle carries it.
    const bundle = await kiosk.services.collectDiagnostics?.();
    expect(bundle?.lastMediaCheck).toEqual(result);
    // And the console's card shows it.
    const desked = await desk.rpc.request('console.snapshot', {});
    if (!desked.ok) throw new Error('no console snapshot');
    const card = desked.result.housingUnits.flatMap((unit) => unit.kiosks).find((k) => k.kioskId === kioskId);
    expect(card?.lastMediaCheck).toEqual(result);
  });

  it('refuses a second check while one runs, then fails the first as unreachable when no report comes', async () => {
    const first = run();
    await runningCheck();

    // The console answers one socket's requests in turn, so the second ask comes from another desk.
    const otherDesk = await signedInConsole(server.url, demo.officer, 60_000);
    const second = await otherDesk.rpc.request('kiosk.runMediaCheck', { kioskId });
    otherDesk.close();
    expect(second).toEqual({ ok: true, result: { outcome: { status: 'refused', reason: 'check_in_progress' } } });

    // The renderer never reports (it crashed, or the page is gone): the kiosk gives up by itself.
    const answer = await first;
    expect(answer).toMatchObject({
      ok: true,
      result: { outcome: { status: 'checked', result: { ok: false, failure: 'unreachable' } } },
    });
    expect(snapshot().screen).toBe('attract');
  }, 20_000);

  it('refuses while a staff member is at the kiosk, or an inmate is using it', async () => {
    kiosk.services.staff.open();
    expect(await run()).toEqual({
      ok: true,
      result: { outcome: { status: 'refused', reason: 'staff_session_in_progress' } },
    });
    kiosk.services.staff.close();

    kiosk.services.kiosk.begin();
    expect(snapshot().screen).toBe('signIn');
    expect(await run()).toEqual({ ok: true, result: { outcome: { status: 'refused', reason: 'kiosk_in_use' } } });
    kiosk.services.kiosk.cancel();
    expect(snapshot().screen).toBe('attract');
  });
});

describe('when a kiosk refuses the console’s check', () => {
  it('puts a visit first, then a staff member, then an inmate between screens', () => {
    expect(consoleCheckRefusal({ inVisit: true, staffAtKiosk: true, sessionScreen: 'call' })).toBe('visit_in_progress');
    expect(consoleCheckRefusal({ inVisit: false, staffAtKiosk: true, sessionScreen: 'attract' })).toBe(
      'staff_session_in_progress',
    );
    for (const screen of ['signIn', 'visits', 'precheck', 'summary'] as const) {
      expect(consoleCheckRefusal({ inVisit: false, staffAtKiosk: false, sessionScreen: screen })).toBe('kiosk_in_use');
    }
    expect(consoleCheckRefusal({ inVisit: false, staffAtKiosk: false, sessionScreen: 'attract' })).toBeNull();
    expect(
      consoleCheckRefusal({ inVisit: false, staffAtKiosk: false, sessionScreen: 'devicesUnavailable' }),
    ).toBeNull();
  });
});
