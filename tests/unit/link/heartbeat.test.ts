import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openControlLink, type ControlLink } from '../../../src/main/link/control-link';
import { startHeartbeat } from '../../../src/main/link/heartbeat';
import { ServerClock } from '../../../src/main/link/server-clock';
import type { Logger } from '../../../src/main/log/logger';
import type { KioskStatus } from '../../../src/shared/protocol/kiosk-status';
import { kioskRecord } from '../../../server/test-support/inspect-database';
import { manualClock } from '../../../server/test-support/manual-clock';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog } from '../store/helpers';
import { capturingLog, connectedKiosk, enrolledStore, unreachableUrl } from './helpers';

const status: KioskStatus = {
  appVersion: '1.2.3',
  uptimeSeconds: 42,
  screen: 'attract',
  visitId: null,
  outboxPending: 7,
  devices: { camera: 'ok', handset: 'missing' },
  service: { state: 'in_service' },
  visitState: null,
};
/** The server's clock stands still two hours ahead of the kiosk's, so the offset is unmistakable. */
const aheadMs = 2 * 60 * 60_000;

describe('the heartbeat against the reference server', () => {
  let server: TestServer;
  const serverClock = manualClock(Date.now() + aheadMs);
  const cleanups: Array<() => void> = [];

  beforeAll(async () => {
    server = await startTestServer({ clock: serverClock });
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) cleanup();
    await server.dispose();
  });

  function heartbeat(
    link: ControlLink,
    clock: ServerClock,
    options: { intervalMs: number; status?: () => KioskStatus; log?: Logger },
  ) {
    const stop = startHeartbeat({ link, clock, status: () => status, log: silentLog, ...options });
    cleanups.push(stop);
    return stop;
  }

  it('beats as soon as the channel connects, and learns the server’s time from the answer', async () => {
    const kiosk = await enrolledStore(server.url);
    const link = openControlLink(kiosk.serverUrl, kiosk.token, silentLog);
    cleanups.push(kiosk.close, link.close);
    const clock = new ServerClock();
    // Started before the channel is up; the interval is too long to be what sends the first beat.
    heartbeat(link, clock, { intervalMs: 60_000 });

    await expect.poll(() => clock.offsetMs(), { timeout: 5000 }).toBeDefined();
    expect(clock.offsetMs()).toBeGreaterThan(aheadMs - 2000);
    expect(clock.offsetMs()).toBeLessThan(aheadMs + 2000);
    expect(Math.abs(clock.now() - serverClock.now())).toBeLessThan(2000);
    expect(kioskRecord(server.dataDir, kiosk.kioskId)).toMatchObject({
      lastSeenAt: serverClock.now(),
      lastStatus: status,
    });
  });

  it('beats at once on a change staff watch (a device fault, a lock), not only at its interval, and not for counters', async () => {
    const kiosk = await connectedKiosk(server.url);
    cleanups.push(kiosk.close);
    const clock = new ServerClock();
    const sample = vi.spyOn(clock, 'sample');
    let nudge = (): void => {};
    let current = status;
    const stop = startHeartbeat({
      link: kiosk.link,
      clock,
      status: () => current,
      intervalMs: 60_000,
      beatOn: (beat) => {
        nudge = beat;
        return () => (nudge = () => {});
      },
      log: silentLog,
    });
    cleanups.push(stop);
    // Connected before the heartbeat started and its interval a minute: nothing has beaten yet.
    await sleep(200);
    expect(sample).not.toHaveBeenCalled();
    current = { ...status, devices: { camera: 'missing' } };
    nudge();
    await expect
      .poll(() => kioskRecord(server.dataDir, kiosk.kioskId)?.lastStatus, { timeout: 5000 })
      .toMatchObject({ devices: { camera: 'missing' } });
    await expect.poll(() => sample.mock.calls.length, { timeout: 5000 }).toBe(1);

    // Only the counters that move on their own changed: the nudge is not worth a beat.
    current = { ...current, uptimeSeconds: 99, outboxPending: 3 };
    nudge();
    await sleep(300);
    expect(sample).toHaveBeenCalledTimes(1);
    current = { ...current, service: { state: 'locked', since: new Date().toISOString(), by: '7001' } };
    nudge();
    await expect.poll(() => sample.mock.calls.length, { timeout: 5000 }).toBe(2);
    expect(kioskRecord(server.dataDir, kiosk.kioskId)?.lastStatus).toMatchObject({ service: { state: 'locked' } });
    stop();
  });

  it('beats at its interval until stopped', async () => {
    const kiosk = await connectedKiosk(server.url);
    cleanups.push(kiosk.close);
    const clock = new ServerClock();
    const sample = vi.spyOn(clock, 'sample');
    const stop = heartbeat(kiosk.link, clock, { intervalMs: 50 });

    await expect.poll(() => sample.mock.calls.length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    stop();
    // A beat already on its way may still be answered; after that, nothing.
    await sleep(50);
    const beats = sample.mock.calls.length;
    await sleep(250);
    expect(sample.mock.calls.length).toBe(beats);
  });

  it('sends nothing while the channel is down', async () => {
    const link = openControlLink(await unreachableUrl(), 'x'.repeat(43), silentLog);
    cleanups.push(link.close);
    const clock = new ServerClock();
    const read = vi.fn(() => status);
    heartbeat(link, clock, { intervalMs: 20, status: read });

    await sleep(200);
    expect(read).not.toHaveBeenCalled();
    expect(clock.offsetMs()).toBeUndefined();
  });

  it('logs a beat that was not answered and learns nothing from it', async () => {
    const { log, entries } = capturingLog();
    const kiosk = await connectedKiosk(server.url);
    cleanups.push(kiosk.close);
    const clock = new ServerClock();
    // A status outside the contract is refused before it leaves the kiosk.
    heartbeat(kiosk.link, clock, { intervalMs: 20, status: () => ({ ...status, screen: '' }), log });

    await expect
      .poll(() => entries.find((entry) => entry.msg === 'heartbeat not answered'), { timeout: 5000 })
      .toMatchObject({ level: 40, code: 'invalid_request' });
    expect(clock.offsetMs()).toBeUndefined();
  });
});
