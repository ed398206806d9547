import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceService } from '../../../src/main/devices/device-service';
import { SetupFlow } from '../../../src/main/provisioning/setup-flow';
import type { SetupApi } from '../../../src/main/provisioning/setup-api';
import { setupStepAtStart, type SetupStart } from '../../../src/main/provisioning/setup-step';
import { createMainServices } from '../../../src/main/services';
import { openStore, type Store } from '../../../src/main/store/store';
import type { ServerCheckResult } from '../../../src/shared/contract/setup';
import { silentLog, tempDir } from '../store/helpers';

/** When `onProvisioned` was called, per test. */
const provisioned: number[] = [];

const fingerprint = Array.from({ length: 32 }, (_, index) => index.toString(16).padStart(2, '0').toUpperCase()).join(
  ':',
);
const accepted: ServerCheckResult = {
  ok: true,
  serverUrl: 'https://visits.example.org',
  fingerprint,
  protocolVersion: 1,
};
const refused: ServerCheckResult = {
  ok: false,
  reason: 'refused',
  code: 'ECONNREFUSED',
  serverVersions: [],
  fingerprint: null,
};
/** The server step asks no setup endpoint. */
const noSetupApi = (): SetupApi => {
  throw new Error('the server step asks no setup endpoint');
};
/** No step before the check asks for one. */
const noMediaCheck = () => Promise.reject(new Error('no media check before the check step'));
const firstBoot: SetupStart = { environmentServerUrl: undefined, unprovisioned: 'setup' };

/** A server check whose answer the test gives when it wants. */
function heldCheck() {
  const asked: string[] = [];
  let answer: (result: ServerCheckResult) => void = () => {};
  return {
    asked,
    answer: (result: ServerCheckResult) => answer(result),
    check: (address: string) =>
      new Promise<ServerCheckResult>((resolve) => {
        asked.push(address);
        answer = resolve;
      }),
  };
}

let dir: string;
let store: Store;

beforeEach(() => {
  dir = tempDir();
  store = openStore({ dir, log: silentLog });
});
afterEach(() => store.close());

/** The device service over the kiosk's store, as the runtime has it. */
function storedDevices(): DeviceService {
  return new DeviceService({
    choices: {
      read: () => store.config.get('deviceChoices') ?? {},
      write: (choices) => store.config.set({ deviceChoices: choices }),
    },
    log: silentLog,
  });
}

function flow(check: (address: string) => Promise<ServerCheckResult>, now = () => Date.parse('2026-12-03T07:00:00Z')) {
  const step = setupStepAtStart(store.config, firstBoot);
  if (step === null) throw new Error('expected setup');
  return new SetupFlow({
    config: store.config,
    step,
    checkServer: check,
    setupApi: noSetupApi,
    devices: storedDevices(),
    checkTimeoutMs: 10_000,
    openMediaCheck: noMediaCheck,
    audit: store.audit,
    atomically: (work) => store.atomically(work),
    onProvisioned: () => provisioned.push(Date.now()),
    reloadRenderer: () => {},
    now,
    log: silentLog,
  });
}

describe('the setup step a kiosk starts on', () => {
  it('is the server step on a kiosk with nothing stored', () => {
    expect(setupStepAtStart(store.config, firstBoot)).toBe('server');
  });

  it('is none when the environment names the server, or asks for the attract screen', () => {
    expect(setupStepAtStart(store.config, { ...firstBoot, environmentServerUrl: 'http://127.0.0.1:4000' })).toBeNull();
    store.config.set({ setupStep: 'technicianSignIn', serverUrl: 'https://visits.example.org' });
    expect(setupStepAtStart(store.config, { ...firstBoot, environmentServerUrl: 'http://127.0.0.1:4000' })).toBeNull();
    expect(setupStepAtStart(store.config, { ...firstBoot, unprovisioned: 'unavailable' })).toBeNull();
  });

  it('is none on a kiosk its environment enrolled before', () => {
    store.config.set({ serverUrl: 'http://127.0.0.1:4000', kioskToken: 't'.repeat(43) });
    expect(setupStepAtStart(store.config, firstBoot)).toBeNull();
  });

  it('starts over at the server step when the stored step no longer validates', () => {
    store.config.set({ setupStep: 'technicianSignIn', serverUrl: 'https://visits.example.org' });
    store.close();
    const db = new Database(join(dir, 'kiosk.db'));
    db.prepare("UPDATE config SET value = ? WHERE key = 'setupStep'").run(JSON.stringify('teleport'));
    db.close();
    store = openStore({ dir, log: silentLog });
    expect(setupStepAtStart(store.config, firstBoot)).toBe('server');
  });
});

describe('the setup flow', () => {
  it('checks an address with a deadline, shows the result, and goes back to the address on retry', async () => {
    const held = heldCheck();
    const setup = flow(held.check);
    expect(setup.view()).toEqual({ step: 'server', provisioningFile: null, server: { status: 'idle', address: null } });
    setup.checkServer('visits.example.org');
    expect(setup.view()).toEqual({
      step: 'server',
      provisioningFile: null,
      server: { status: 'checking', address: 'visits.example.org', deadline: '2026-12-03T07:00:10.000Z' },
    });
    // A second press while checking asks nothing more.
    setup.checkServer('other.example.org');
    expect(held.asked).toEqual(['visits.example.org']);
    held.answer(refused);
    await Promise.resolve();
    expect(setup.view()).toEqual({
      step: 'server',
      provisioningFile: null,
      server: { status: 'checked', address: 'visits.example.org', result: refused },
    });
    setup.continue();
    expect(setup.view().step).toBe('server');
    setup.retry();
    expect(setup.view()).toEqual({
      step: 'server',
      provisioningFile: null,
      server: { status: 'idle', address: 'visits.example.org' },
    });
  });

  it('stores the accepted server with the next step, so a restarted kiosk resumes at technician sign-in', async () => {
    const held = heldCheck();
    const setup = flow(held.check);
    const published: string[] = [];
    setup.subscribe(() => published.push(setup.view().step));
    setup.checkServer('visits.example.org');
    held.answer(accepted);
    await Promise.resolve();
    setup.continue();
    expect(setup.view()).toEqual({
      step: 'technicianSignIn',
      provisioningFile: null,
      serverUrl: 'https://visits.example.org',
      fingerprint,
      signIn: { status: 'idle', failure: null },
    });
    expect(published.at(-1)).toBe('technicianSignIn');
    expect(store.config.get('setupStep')).toBe('technicianSignIn');

    store.close();
    store = openStore({ dir, log: silentLog });
    expect(setupStepAtStart(store.config, firstBoot)).toBe('technicianSignIn');
    expect(flow(heldCheck().check).view()).toEqual({
      step: 'technicianSignIn',
      provisioningFile: null,
      serverUrl: 'https://visits.example.org',
      fingerprint,
      signIn: { status: 'idle', failure: null },
    });
  });

  it('goes back to the server step when a later step has no stored server', () => {
    const setup = new SetupFlow({
      config: store.config,
      step: 'technicianSignIn',
      checkServer: heldCheck().check,
      setupApi: noSetupApi,
      devices: storedDevices(),
      checkTimeoutMs: 10_000,
      openMediaCheck: noMediaCheck,
      audit: store.audit,
      atomically: (work) => store.atomically(work),
      onProvisioned: () => provisioned.push(Date.now()),
      reloadRenderer: () => {},
      now: Date.now,
      log: silentLog,
    });
    expect(setup.view()).toEqual({ step: 'server', provisioningFile: null, server: { status: 'idle', address: null } });
  });
});

describe('a kiosk being set up', () => {
  it('shows setup in place of the attract screen, and nobody can begin a visit', async () => {
    const held = heldCheck();
    const services = createMainServices({
      host: 'preview',
      store,
      setup: flow(held.check),
      appName: 'Visitation Kiosk',
      version: '1.0.0',
      log: silentLog,
    });
    try {
      const begin = await services.dispatch({ type: 'request', id: 1, channel: 'kiosk.begin', payload: {} });
      expect(begin).toMatchObject({ ok: true, result: { screen: 'setup', setup: { step: 'server' } } });
      expect(services.kiosk.snapshot().screen).toBe('attract');
      const checking = await services.dispatch({
        type: 'request',
        id: 2,
        channel: 'setup.checkServer',
        payload: { address: 'visits.example.org' },
      });
      expect(checking).toMatchObject({ ok: true, result: { setup: { server: { status: 'checking' } } } });
      const refusedPayload = await services.dispatch({
        type: 'request',
        id: 3,
        channel: 'setup.checkServer',
        payload: { address: 'x'.repeat(301) },
      });
      expect(refusedPayload).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    } finally {
      services.kiosk.close();
    }
  });

  it('answers setup requests on a provisioned kiosk with its screen, changing nothing', async () => {
    const services = createMainServices({
      host: 'preview',
      store,
      appName: 'Visitation Kiosk',
      version: '1.0.0',
      log: silentLog,
    });
    try {
      const answer = await services.dispatch({ type: 'request', id: 1, channel: 'setup.continue', payload: {} });
      expect(answer).toMatchObject({ ok: true, result: { screen: 'attract' } });
      expect(store.config.get('setupStep')).toBeUndefined();
    } finally {
      services.kiosk.close();
    }
  });
});
