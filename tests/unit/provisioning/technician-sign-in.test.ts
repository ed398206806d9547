import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeviceService } from '../../../src/main/devices/device-service';
import { openMediaCheckRoom } from '../../../src/main/provisioning/media-check-room';
import { createSetupApi } from '../../../src/main/provisioning/setup-api';
import { SetupFlow } from '../../../src/main/provisioning/setup-flow';
import { setupStepAtStart } from '../../../src/main/provisioning/setup-step';
import { openStore, storeFileName, type Store } from '../../../src/main/store/store';
import type { MediaDevice } from '../../../src/shared/contract/devices';
import { setupViewSchema, type SetupView } from '../../../src/shared/contract/setup';
import { demo } from '../../../server/demo/seed';
import { maxStaffSignInFailures } from '../../../server/staff/staff-sign-in';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog } from '../store/helpers';
import { echoed, until } from './setup-flow-helpers';

/** When `onProvisioned` was called, per test. */
const provisioned: number[] = [];

const firstBoot = { environmentServerUrl: undefined, unprovisioned: 'setup' } as const;

const inventory: MediaDevice[] = [
  { kind: 'videoinput', deviceId: 'cam-1', label: 'HD Pro Webcam C920 (046d:082d)', groupId: 'g1' },
  { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in Audio Analog Stereo', groupId: 'g2' },
  { kind: 'audioinput', deviceId: 'mic-2', label: 'Desk Microphone (1234:5678)', groupId: 'g3' },
  { kind: 'audiooutput', deviceId: 'spk-1', label: 'Built-in Audio Analog Stereo', groupId: 'g2' },
];

/** The technician's devices on the devices step. */
const selection = {
  camera: 'cam-1',
  microphone: 'mic-2',
  speaker: 'spk-1',
  handsetMicrophone: null,
  handsetSpeaker: null,
};

describe("setup's technician sign-in against the reference server", () => {
  let server: TestServer;
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-setup-'));
    store = openStore({ dir, log: silentLog });
    store.config.set({ serverUrl: server.url, serverFingerprint: null, setupStep: 'technicianSignIn' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function deviceService(): DeviceService {
    return new DeviceService({
      choices: {
        read: () => store.config.get('deviceChoices') ?? {},
        write: (choices) => store.config.set({ deviceChoices: choices }),
      },
      log: silentLog,
    });
  }

  /** A device service that has heard the renderer's inventory. */
  function stockedDevices(): DeviceService {
    const devices = deviceService();
    devices.reportInventory(inventory);
    return devices;
  }

  function flow(serverUrl = server.url, devices = stockedDevices()): SetupFlow {
    const step = setupStepAtStart(store.config, firstBoot);
    if (step === null) throw new Error('expected setup');
    return new SetupFlow({
      config: store.config,
      step,
      devices,
      checkServer: () => Promise.reject(new Error('no server check on this step')),
      setupApi: () => createSetupApi(serverUrl, 2_000),
      checkTimeoutMs: 10_000,
      openMediaCheck: (url, token) => openMediaCheckRoom(url, token, silentLog, 2_000),
      audit: store.audit,
      atomically: (work) => store.atomically(work),
      onProvisioned: () => provisioned.push(Date.now()),
      reloadRenderer: () => {},
      now: Date.now,
      log: silentLog,
    });
  }

  const unitsShown = (view: SetupView) => view.step === 'placement' && view.placement.status === 'ready';
  const checkRunning = (view: SetupView) => view.step === 'check' && view.check.status === 'running';
  const checkFailed = (view: SetupView) =>
    view.step === 'check' && view.check.status === 'idle' && view.check.result !== null;

  /** Signs in, places the kiosk in B-East, chooses its devices, and waits for the check's echo room. */
  async function placed(setup: SetupFlow) {
    await signIn(setup, demo.technician.staffNumber, demo.technician.pin);
    await until(setup, unitsShown);
    setup.place('b-east', 'B-East dayroom 2');
    await until(setup, (view) => view.step === 'devices');
    setup.chooseDevices(selection);
    const view = await until(setup, checkRunning);
    if (view.step !== 'check' || view.check.status !== 'running') throw new Error('expected a running check');
    return view.check;
  }

  /** Signs in and waits for the step's answer. */
  async function signIn(setup: SetupFlow, staffNumber: string, pin: string): Promise<SetupView> {
    const answered = new Promise<void>((resolve) => {
      const stop = setup.subscribe(() => {
        const view = setup.view();
        if (view.step !== 'technicianSignIn' || view.signIn.status === 'idle') {
          stop();
          resolve();
        }
      });
    });
    setup.signInTechnician(staffNumber, pin);
    expect(setup.view()).toMatchObject({ step: 'technicianSignIn', signIn: { status: 'signingIn' } });
    await answered;
    return setup.view();
  }

  it('goes on to placement for the demo technician, storing the session and a request ID but never the PIN', async () => {
    const view = await signIn(flow(), demo.technician.staffNumber, demo.technician.pin);
    expect(view).toMatchObject({
      step: 'placement',
      serverUrl: server.url,
      fingerprint: null,
      technician: 'Tech Okafor',
    });
    expect(store.config.get('setupStep')).toBe('placement');
    expect(store.config.get('setupSession')?.technician?.staffId).toBe(demo.technician.id);
    expect(store.config.get('setupRequestId')).toMatch(/^[0-9a-f-]{36}$/);
    const db = new Database(join(dir, storeFileName), { readonly: true });
    const stored = JSON.stringify(db.prepare('SELECT key, value FROM config').all());
    db.close();
    expect(stored).not.toContain(demo.technician.pin);
  });

  it('resumes at placement after a restart, keeping the request ID across a second sign-in', async () => {
    await signIn(flow(), demo.technician.staffNumber, demo.technician.pin);
    const requestId = store.config.get('setupRequestId');
    store.close();
    store = openStore({ dir, log: silentLog });
    expect(setupStepAtStart(store.config, firstBoot)).toBe('placement');
    expect(flow().view()).toMatchObject({ step: 'placement', technician: 'Tech Okafor' });

    store.config.set({ setupStep: 'technicianSignIn' });
    await signIn(flow(), demo.technician.staffNumber, demo.technician.pin);
    expect(store.config.get('setupRequestId')).toBe(requestId);
  });

  it('resumes at technician sign-in when a stored placement step has no session', () => {
    store.config.set({ setupStep: 'placement' });
    expect(flow().view()).toMatchObject({ step: 'technicianSignIn', signIn: { status: 'idle', failure: null } });
  });

  it('refuses an officer as not a technician, and stays on sign-in', async () => {
    const view = await signIn(flow(), demo.officer.staffNumber, demo.officer.pin);
    expect(view).toMatchObject({
      step: 'technicianSignIn',
      signIn: { status: 'idle', failure: { reason: 'not_technician', retryAt: null } },
    });
    expect(store.config.get('setupStep')).toBe('technicianSignIn');
    expect(store.config.get('setupSession')).toBeUndefined();
  });

  it('refuses a wrong PIN, then says when a locked-out number may try again', async () => {
    const setup = flow();
    expect(await signIn(setup, '7188', '0000')).toMatchObject({
      signIn: { failure: { reason: 'bad_credentials', retryAt: null } },
    });
    for (let attempt = 2; attempt < maxStaffSignInFailures; attempt++) await signIn(setup, '7188', '0000');
    const locked = await signIn(setup, '7188', '0000');
    expect(locked).toMatchObject({ signIn: { failure: { reason: 'locked_out' } } });
    if (locked.step !== 'technicianSignIn' || locked.signIn.status !== 'idle') throw new Error('expected sign-in');
    expect(Date.parse(locked.signIn.failure?.retryAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('says the server cannot be reached when nothing answers', async () => {
    const view = await signIn(flow('http://127.0.0.1:9'), demo.technician.staffNumber, demo.technician.pin);
    expect(view).toMatchObject({ signIn: { failure: { reason: 'unreachable', retryAt: null } } });
  });

  it('places the kiosk, checks its media through the echo room, then stores identity, check and audit together', async () => {
    provisioned.length = 0;
    const setup = flow();
    await signIn(setup, demo.technician.staffNumber, demo.technician.pin);
    const listed = await until(setup, unitsShown);
    if (listed.step !== 'placement' || listed.placement.status !== 'ready') throw new Error('expected units');
    expect(listed.placement.housingUnits.map((unit) => unit.id)).toEqual(expect.arrayContaining(['b-east', 'b-west']));

    setup.place('b-east', 'B-East dayroom 2');
    expect(setup.view()).toMatchObject({ placement: { status: 'enrolling', housingUnitId: 'b-east' } });
    const onDevices = await until(setup, (view) => view.step === 'devices');
    expect(setupViewSchema.parse(onDevices)).toEqual(onDevices);
    expect(onDevices).toMatchObject({
      step: 'devices',
      housingUnit: 'B-East',
      location: 'B-East dayroom 2',
      technician: demo.technician.displayName,
    });
    // Enrolled, not yet provisioned: a restart now comes back to the devices step.
    expect(store.config.get('setupStep')).toBe('devices');
    expect(store.config.get('kioskToken')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.config.get('setupRequestId')).toBeUndefined();
    expect(setupStepAtStart(store.config, firstBoot)).toBe('devices');

    setup.chooseDevices(selection);
    const running = await until(setup, checkRunning);
    // The view is what the screen gets: it must pass the contract as it is.
    expect(setupViewSchema.parse(running)).toEqual(running);
    expect(running).toMatchObject({
      step: 'check',
      housingUnit: 'B-East',
      location: 'B-East dayroom 2',
      check: { status: 'running', serverUrl: server.url },
    });
    if (running.step !== 'check' || running.check.status !== 'running') throw new Error('expected a running check');
    // Devices chosen, not yet provisioned: a restart now comes back to the check.
    expect(store.config.get('setupStep')).toBe('check');
    expect(setupStepAtStart(store.config, firstBoot)).toBe('check');
    expect(provisioned).toHaveLength(0);

    // A report of some other check changes nothing.
    setup.reportCheck(echoed('check-other'));
    expect(setup.view()).toMatchObject({ step: 'check', check: { status: 'running' } });
    setup.reportCheck(echoed(running.check.checkId));
    expect(setupViewSchema.safeParse(setup.view()).success).toBe(true);
    expect(setup.view()).toMatchObject({
      step: 'done',
      provisioningFile: null,
      housingUnit: 'B-East',
      location: 'B-East dayroom 2',
      check: { ok: true, path: 'udp', roundTripMs: 2, packetLossPercent: 1, videoBitrateKbps: 813, durationMs: 6100 },
    });
    expect(provisioned).toHaveLength(1);
    expect(store.config.get('setupStep')).toBe('done');
    expect(store.config.get('housingUnit')).toBe('b-east');
    expect(store.config.get('mediaCheck')).toMatchObject({ ok: true, path: 'udp' });
    // Nothing of the setup session is left on the kiosk.
    expect(store.config.get('setupSession')).toBeUndefined();
    expect(store.config.get('setupRequestId')).toBeUndefined();
    expect(store.config.get('setupPlacement')).toBeUndefined();
    expect(store.audit.recent(5).find((entry) => entry.action === 'kiosk.provisioned')).toMatchObject({
      actor: `technician:${demo.technician.id}`,
      detail: {
        housingUnitId: 'b-east',
        location: 'B-East dayroom 2',
        kioskId: store.config.get('kioskId'),
        mediaPath: 'udp',
        roundTripMs: 2,
        packetLossPercent: 1,
        videoBitrateKbps: 813,
      },
    });
    // The next start is in service, with the identity the server gave.
    expect(setupStepAtStart(store.config, firstBoot)).toBeNull();
    const kiosks = new Database(join(server.dataDir, 'visitation.sqlite'), { readonly: true });
    expect(
      kiosks.prepare('SELECT housing_unit_id, location FROM kiosks WHERE id = ?').get(store.config.get('kioskId')),
    ).toEqual({
      housing_unit_id: 'b-east',
      location: 'B-East dayroom 2',
    });
    kiosks.close();
  });

  it('refuses to finish when no media came back, says why, and runs a new check on retry', async () => {
    provisioned.length = 0;
    const setup = flow();
    const first = await placed(setup);
    setup.reportCheck({ ...echoed(first.checkId), packetsReceived: 0, framesDecoded: 0, videoBitrateKbps: null });
    expect(setup.view()).toMatchObject({
      step: 'check',
      check: { status: 'idle', result: { failure: 'media_blocked' } },
    });
    expect(store.config.get('setupStep')).toBe('check');
    expect(store.audit.recent(5).find((entry) => entry.action === 'kiosk.provisioned')).toBeUndefined();

    setup.retryCheck();
    const second = await until(setup, checkRunning);
    if (second.step !== 'check' || second.check.status !== 'running') throw new Error('expected a running check');
    expect(second.check.checkId).not.toBe(first.checkId);
    expect(provisioned).toHaveLength(0);
  });

  it('resumes at the check after a restart, and says the server refused a kiosk it does not know', async () => {
    await placed(flow());
    store.close();
    store = openStore({ dir, log: silentLog });
    expect(await until(flow(), checkRunning)).toMatchObject({ step: 'check', housingUnit: 'B-East' });

    store.config.set({ kioskToken: 'x'.repeat(43) });
    const refused = await until(flow(), checkFailed);
    expect(refused).toMatchObject({ check: { status: 'idle', result: { ok: false, failure: 'server_refused' } } });

    store.config.set({ serverUrl: 'http://127.0.0.1:9' });
    const unreachable = await until(flow(), checkFailed);
    expect(unreachable).toMatchObject({ check: { result: { failure: 'unreachable' } } });
  });

  it('resumes at the devices step after a restart, lists the inventory, refuses a device not listed, and stores the choice by identity before the check', async () => {
    const setup = flow();
    await signIn(setup, demo.technician.staffNumber, demo.technician.pin);
    await until(setup, unitsShown);
    setup.place('b-west', 'B-West dayroom 1');
    await until(setup, (view) => view.step === 'devices');

    // Powered off: the next start comes back to the devices step, where it was placed.
    const devices = deviceService();
    const resumed = flow(server.url, devices);
    expect(resumed.view()).toMatchObject({ step: 'devices', housingUnit: 'B-West', location: 'B-West dayroom 1' });
    devices.reportInventory(inventory);
    const shown = resumed.view();
    if (shown.step !== 'devices') throw new Error('expected the devices step');
    expect(shown.chooser.inventory).toEqual(inventory);
    // The default rule's choice is preselected.
    expect(shown.chooser.chosen).toMatchObject({ camera: 'cam-1', microphone: 'mic-1', speaker: 'spk-1' });

    resumed.chooseDevices({ ...selection, microphone: 'mic-gone' });
    expect(resumed.view()).toMatchObject({ step: 'devices', chooser: { failure: 'not_listed' } });
    expect(store.config.get('setupStep')).toBe('devices');
    expect(store.config.get('deviceChoices')?.microphone?.chosenBy).toBe('default');

    resumed.chooseDevices(selection);
    expect(resumed.view()).toMatchObject({ step: 'check', housingUnit: 'B-West', location: 'B-West dayroom 1' });
    expect(store.config.get('setupStep')).toBe('check');
    expect(store.config.get('deviceChoices')?.microphone).toEqual({
      identity: { kind: 'audioinput', label: 'Desk Microphone (1234:5678)', vendorProduct: '1234:5678', groupId: 'g3' },
      chosenBy: 'technician',
    });
    expect(store.config.get('deviceChoices')?.handsetMicrophone).toEqual({ identity: null, chosenBy: 'technician' });
    expect(devices.current().roles.microphone.deviceId).toBe('mic-2');
    expect(store.audit.recent(5).find((entry) => entry.action === 'kiosk.devices_chosen')).toMatchObject({
      actor: `technician:${demo.technician.id}`,
      detail: {
        camera: 'HD Pro Webcam C920 (046d:082d)',
        microphone: 'Desk Microphone (1234:5678)',
        handsetSpeaker: null,
      },
    });
    // Not provisioned until the check passed: the session and the placement stay for it.
    expect(provisioned).toHaveLength(0);
    expect(store.config.get('setupSession')).toBeDefined();
    expect(store.config.get('setupPlacement')).toEqual({ housingUnit: 'B-West', location: 'B-West dayroom 1' });
    expect(store.audit.recent(5).find((entry) => entry.action === 'kiosk.provisioned')).toBeUndefined();
    await until(resumed, checkRunning);
    expect(setupStepAtStart(store.config, firstBoot)).toBe('check');
  });

  it('goes back to placement from the devices step when the kiosk holds no identity', async () => {
    await signIn(flow(), demo.technician.staffNumber, demo.technician.pin);
    store.config.set({ setupStep: 'devices' });
    expect(flow().view()).toMatchObject({ step: 'placement', technician: 'Tech Okafor' });
  });

  it('says a unit that is gone, and lists the units again', async () => {
    const setup = flow();
    await signIn(setup, demo.technician.staffNumber, demo.technician.pin);
    await until(setup, unitsShown);
    setup.place('b-gone', 'Dayroom 1');
    const view = await until(
      setup,
      (shown) => shown.step === 'placement' && shown.placement.status === 'ready' && shown.placement.failure !== null,
    );
    expect(view).toMatchObject({ placement: { status: 'ready', failure: 'unit_gone' } });
    await until(
      setup,
      (shown) =>
        shown.step === 'placement' && shown.placement.status === 'ready' && shown.placement.housingUnits.length > 0,
    );
    expect(store.config.get('setupStep')).toBe('placement');
    expect(store.config.get('kioskToken')).toBeUndefined();
  });

  it('goes back to sign-in when the setup session has lapsed, keeping the request ID', async () => {
    await signIn(flow(), demo.technician.staffNumber, demo.technician.pin);
    const session = store.config.get('setupSession');
    const requestId = store.config.get('setupRequestId');
    if (session === undefined) throw new Error('expected a session');
    store.config.set({ setupSession: { ...session, token: 'x'.repeat(43) } });
    const setup = flow();
    const view = await until(setup, (shown) => shown.step === 'technicianSignIn');
    expect(view).toMatchObject({ signIn: { status: 'idle', failure: { reason: 'session_expired' } } });
    expect(store.config.get('setupStep')).toBe('technicianSignIn');
    expect(store.config.get('setupSession')).toBeUndefined();
    expect(store.config.get('setupRequestId')).toBe(requestId);
  });
});
