import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalOfflineCode, findVerifier } from '../../../src/main/staff/offline-codes';
import { mayPerform } from '../../../src/main/staff/permissions';
import type { MediaDevice } from '../../../src/shared/contract/devices';
import { staffSignInOverLink } from '../../../src/main/staff/staff-sign-in';
import { staffIdleMs } from '../../../src/main/staff/staff-overlay';
import { storeFileName } from '../../../src/main/store/store';
import { offlineCodeUsedAction } from '../../../src/shared/protocol/staff';
import { newOfflineCode } from '../../../server/staff/offline-codes';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { connectedKiosk, type ConnectedKiosk } from '../link/helpers';
import { silentLog, tempDir } from '../store/helpers';
import { goTo, issued, staffHarness, type StaffHarness } from './harness';

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

describe('changing devices from the staff panel', () => {
  const inventory: MediaDevice[] = [
    { kind: 'videoinput', deviceId: 'cam-1', label: 'Front Camera', groupId: 'g1' },
    { kind: 'videoinput', deviceId: 'cam-2', label: 'Door Camera', groupId: 'g2' },
    { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in Audio', groupId: 'g3' },
    { kind: 'audiooutput', deviceId: 'spk-1', label: 'Built-in Audio', groupId: 'g3' },
  ];
  const selection = {
    camera: 'cam-2',
    microphone: 'mic-1',
    speaker: 'spk-1',
    handsetMicrophone: null,
    handsetSpeaker: null,
  };

  async function signedIn(role: 'officer' | 'technician'): Promise<StaffHarness> {
    const signedHarness = staffHarness(tempDir());
    const { code, verifier } = await issued(
      `${role}-1`,
      role,
      new Date(signedHarness.clock.now() + 86_400_000).toISOString(),
    );
    signedHarness.store.staff.replaceVerifiers([verifier]);
    signedHarness.devices.reportInventory(inventory);
    signedHarness.overlay.open();
    await signedHarness.overlay.signInOffline(code);
    return signedHarness;
  }

  it('shows a technician the chooser and stores the new devices by identity, audited', async () => {
    harness = await signedIn('technician');
    expect(harness.view.snapshot().staff).toMatchObject({
      devices: { chosen: { camera: 'cam-1' } },
      lastDeviceChange: null,
    });
    harness.overlay.chooseDevices(selection);
    expect(harness.view.snapshot().staff).toMatchObject({
      devices: { chosen: { camera: 'cam-2' } },
      lastDeviceChange: { status: 'accepted' },
    });
    expect(harness.store.config.get('deviceChoices')?.camera).toEqual({
      identity: { kind: 'videoinput', label: 'Door Camera', vendorProduct: null, groupId: 'g2' },
      chosenBy: 'technician',
    });
    expect(harness.store.audit.recent(1)[0]).toMatchObject({
      action: 'staff.change_devices',
      actor: 'technician:technician-1',
      detail: { outcome: 'accepted', camera: 'Door Camera', handsetSpeaker: null },
    });

    harness.overlay.chooseDevices({ ...selection, camera: 'cam-gone' });
    expect(harness.view.snapshot().staff).toMatchObject({
      lastDeviceChange: { status: 'refused', reason: 'not_listed' },
    });
    expect(harness.devices.current().roles.camera.deviceId).toBe('cam-2');
  });

  it('shows an officer no chooser and refuses the change, audited; the server may never ask for one', async () => {
    harness = await signedIn('officer');
    expect(harness.view.snapshot().staff).toMatchObject({ devices: null });
    harness.overlay.chooseDevices(selection);
    expect(harness.view.snapshot().staff).toMatchObject({
      lastDeviceChange: { status: 'refused', reason: 'not_permitted' },
    });
    expect(harness.devices.current().roles.camera.deviceId).toBe('cam-1');
    expect(harness.store.audit.recent(1)[0]).toMatchObject({
      action: 'staff.change_devices',
      actor: 'officer:officer-1',
      detail: { outcome: 'refused', reason: 'not_permitted' },
    });
    expect(mayPerform(null, 'change_devices', 'console')).toBe(false);
    expect(mayPerform(null, 'lock', 'console')).toBe(true);
  });

  it('refuses a technician’s change during a visit', async () => {
    harness = await signedIn('technician');
    await goTo(harness.kiosk, 'call');
    harness.overlay.chooseDevices(selection);
    expect(harness.view.snapshot().staff).toMatchObject({
      lastDeviceChange: { status: 'refused', reason: 'visit_in_progress' },
    });
    expect(harness.devices.current().roles.camera.deviceId).toBe('cam-1');
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
