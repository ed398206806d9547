import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalOfflineCode, findVerifier } from '../../../src/main/staff/offline-codes';
import { staffSignInOverLink } from '../../../src/main/staff/staff-sign-in';
import { staffIdleMs } from '../../../src/main/staff/staff-overlay';
import { storeFileName } from '../../../src/main/store/store';
import { offlineCodeUsedAction } from '../../../src/shared/protocol/staff';
import { newOfflineCode } from '../../../server/staff/offline-codes';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { connectedKiosk, type ConnectedKiosk } from '../link/helpers';
import { silentLog, tempDir } from '../store/helpers';
import { issued, staffHarness, type StaffHarness } from './harness';

let harness: StaffHarness | undefined;
afterEach(() => {
  harness?.store.close();
  harness = undefined;
});

describe('offline codes', () => {
  it('matches a code against the server’s verifiers, however the officer typed it', async () => {
    const one = await issued('officer-7001', 'officer', '2026-12-31T00:00:00Z');
    const two = await issued('officer-7002', 'officer', '2026-12-31T00:00:00Z');
    const verifiers = [one.verifier, two.verifier];

    expect(await findVerifier(two.code, verifiers)).toEqual(two.verifier);
    expect(await findVerifier(two.code.replace(/-/g, ' ').toLowerCase(), verifiers)).toEqual(two.verifier);
    expect(await findVerifier(newOfflineCode(), verifiers)).toBeUndefined();
    expect(canonicalOfflineCode('not a code')).toBeUndefined();
  });

  it('signs staff in once per code, audits the use for the server, and refuses it the second time', async () => {
    harness = staffHarness(tempDir());
    const later = new Date(harness.clock.now() + 86_400_000).toISOString();
    const { code, verifier } = await issued('officer-7001', 'officer', later);
    harness.store.staff.replaceVerifiers([verifier]);

    harness.overlay.open();
    expect(harness.view.snapshot().staff).toMatchObject({ stage: 'signIn', offline: true });
    await harness.overlay.signInOffline(code);
    expect(harness.view.snapshot().staff).toMatchObject({ stage: 'panel', staff: { role: 'officer' } });
    const [used] = harness.store.audit.recent(1);
    expect(used).toMatchObject({
      action: offlineCodeUsedAction,
      actor: 'officer:officer-7001',
      detail: { codeId: verifier.codeId, where: 'kiosk' },
    });
    expect(harness.store.outbox.head(10).map((record) => record.key)).toContain(used?.outboxKey);

    harness.overlay.close();
    // The server's list, fetched again before it heard of the use, still has the code: still used here.
    harness.store.staff.replaceVerifiers([verifier]);
    harness.overlay.open();
    await harness.overlay.signInOffline(code);
    expect(harness.view.snapshot().staff).toMatchObject({
      stage: 'signIn',
      failure: { reason: 'offline_code_refused' },
    });
  });

  it('refuses an expired code', async () => {
    harness = staffHarness(tempDir());
    const { code, verifier } = await issued('officer-7001', 'officer', new Date(harness.clock.now() - 1).toISOString());
    harness.store.staff.replaceVerifiers([verifier]);
    harness.overlay.open();
    await harness.overlay.signInOffline(code);
    expect(harness.view.snapshot().staff).toMatchObject({ failure: { reason: 'offline_code_refused' } });
    expect(harness.store.audit.recent(5)).toEqual([]);
  });
});

describe('the staff overlay', () => {
  it('closes itself after about 30 s without a touch, and a touch keeps it open', async () => {
    harness = staffHarness(tempDir());
    const { code, verifier } = await issued(
      'officer-7001',
      'officer',
      new Date(harness.clock.now() + 86_400_000).toISOString(),
    );
    harness.store.staff.replaceVerifiers([verifier]);
    harness.overlay.open();
    await harness.overlay.signInOffline(code);

    await harness.clock.advance(staffIdleMs - 1000);
    harness.overlay.activity();
    await harness.clock.advance(staffIdleMs - 1000);
    expect(harness.view.snapshot().staff).toMatchObject({ stage: 'panel' });
    await harness.clock.advance(1000);
    expect(harness.view.snapshot().staff).toBeNull();
  });

  it('acts for the staff member signed in, and shows the answer', async () => {
    harness = staffHarness(tempDir());
    const { code, verifier } = await issued(
      'technician-7101',
      'technician',
      new Date(harness.clock.now() + 86_400_000).toISOString(),
    );
    harness.store.staff.replaceVerifiers([verifier]);
    harness.overlay.open();
    await harness.overlay.signInOffline(code);

    harness.overlay.act({ type: 'lock' });
    expect(harness.view.snapshot().staff).toMatchObject({
      lastAction: { action: { type: 'lock' }, status: 'refused', reason: 'not_permitted' },
    });
    harness.overlay.act({ type: 'set_out_of_service', reason: 'maintenance' });
    expect(harness.view.snapshot()).toMatchObject({
      screen: 'outOfService',
      staff: { kiosk: { service: { state: 'out_of_service', by: 'technician-7101' } } },
    });
    expect(harness.store.audit.recent(1)[0]?.actor).toBe('technician:technician-7101');
  });
});

describe('staff sign-in checked by the reference server', () => {
  let server: TestServer;
  let kiosk: ConnectedKiosk;

  beforeAll(async () => {
    server = await startTestServer();
    kiosk = await connectedKiosk(server.url);
  });
  afterAll(async () => {
    kiosk.close();
    await server.dispose();
  });

  it('opens the panel for the demo officer, refuses a wrong PIN, and keeps the PIN nowhere', async () => {
    const dir = tempDir();
    harness = staffHarness(dir, {
      authenticator: staffSignInOverLink(kiosk.link, silentLog, Date.now),
      serverReachable: () => kiosk.link.connected,
    });
    harness.overlay.open('7001');
    expect(harness.view.snapshot().staff).toMatchObject({ stage: 'signIn', staffNumber: '7001', offline: false });

    await harness.overlay.signIn('7001', '1357');
    expect(harness.view.snapshot().staff).toMatchObject({ stage: 'signIn', failure: { reason: 'bad_credentials' } });
    await harness.overlay.signIn('7001', '8642');
    expect(harness.view.snapshot().staff).toMatchObject({ stage: 'panel', staff: { role: 'officer' } });

    harness.overlay.act({ type: 'lock' });
    harness.store.close();
    const onDisk = readFileSync(join(dir, storeFileName), 'latin1');
    expect(onDisk).toContain('officer');
    expect(onDisk).not.toContain('8642');
    expect(onDisk).not.toContain('1357');
    harness = undefined;
  });
});
