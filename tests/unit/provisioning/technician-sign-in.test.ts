import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSetupApi } from '../../../src/main/provisioning/setup-api';
import { SetupFlow } from '../../../src/main/provisioning/setup-flow';
import { setupStepAtStart } from '../../../src/main/provisioning/setup-step';
import { openStore, storeFileName, type Store } from '../../../src/main/store/store';
import type { SetupView } from '../../../src/shared/contract/setup';
import { demo } from '../../../server/demo/seed';
import { maxStaffSignInFailures } from '../../../server/staff/staff-sign-in';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog } from '../store/helpers';

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
      now: Date.now,
      log: silentLog,
    });
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
    expect(view).toEqual({ step: 'placement', serverUrl: server.url, fingerprint: null, technician: 'Tech Okafor' });
    expect(store.config.get('setupStep')).toBe('placement');
    expect(store.config.get('setupSession')?.technician.staffId).toBe(demo.technician.id);
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
});
