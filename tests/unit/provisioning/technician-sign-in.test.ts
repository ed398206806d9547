import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMediaCheckRoom } from '../../../src/main/provisioning/media-check-room';
import { createSetupApi } from '../../../src/main/provisioning/setup-api';
import { SetupFlow } from '../../../src/main/provisioning/setup-flow';
import { setupStepAtStart } from '../../../src/main/provisioning/setup-step';
import { openStore, storeFileName, type Store } from '../../../src/main/store/store';
import { setupViewSchema, type SetupView } from '../../../src/shared/contract/setup';
import { demo } from '../../../server/demo/seed';
import { maxStaffSignInFailures } from '../../../server/staff/staff-sign-in';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog } from '../store/helpers';
import { echoed, until } from './setup-flow-helpers';

/** When `onProvisioned` was called, per test. */
const provisioned: number[] = [];

const firstBoot = { environmentServerUrl: undefined, unprovisioned: 'setup' } as const;

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

  function flow(serverUrl = server.url): SetupFlow {
    const step = setupStepAtStart(store.config, firstBoot);
    if (step === null) throw new Error('expected setup');
    return new SetupFlow({
      config: store.config,
      step,
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

  /** Signs in, places the kiosk in B-East, and waits for the check's echo room. */
  async function placed(setup: SetupFlow) {
    await signIn(setup, demo.technician.staffNumber, demo.technician.pin);
    await until(setup, unitsShown);
    setup.place('b-east', 'B-East dayroom 2');
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
    // Enrolled, not yet provisioned: a restart now comes back to the check.
    expect(store.config.get('setupStep')).toBe('check');
    expect(store.config.get('kioskToken')).toMatch(/^[A-Za-z0-9_-]{43}$/);
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
