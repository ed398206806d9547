import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMediaCheckRoom } from '../../../src/main/provisioning/media-check-room';
import { checkServer } from '../../../src/main/provisioning/server-check';
import {
  provisioningFileName,
  readProvisioningFile,
  type ProvisioningFileRead,
} from '../../../src/main/provisioning/provisioning-file';
import { createSetupApi } from '../../../src/main/provisioning/setup-api';
import { SetupFlow } from '../../../src/main/provisioning/setup-flow';
import { setupStepAtStart } from '../../../src/main/provisioning/setup-step';
import { openStore, type Store } from '../../../src/main/store/store';
import { digest } from '../../../server/credentials/tokens';
import { demo } from '../../../server/demo/seed';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog } from '../store/helpers';
import { confirmDevices, passCheck, stockedDevices, until } from './setup-flow-helpers';

const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');

describe('the provisioning file, read from a folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-provisioning-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => writeFileSync(join(dir, provisioningFileName), text);
  const read = (applied?: string) => readProvisioningFile(dir, applied);
  const issuesOf = (result: ProvisioningFileRead) => (result.kind === 'invalid' ? result.issues : []);

  it('is nothing when the folder or the file is missing', () => {
    expect(readProvisioningFile(join(dir, 'no-stick'), undefined)).toEqual({ kind: 'none' });
    expect(read()).toEqual({ kind: 'none' });
  });

  it('reads a whole file, with the hash of its bytes', () => {
    const file = {
      serverAddress: 'https://visits.example.org',
      certificateFingerprint: fingerprint,
      enrolmentCode: 'DEMO-KIOSK-2468',
      housingUnit: 'b-east',
      location: 'B-East dayroom 2',
    };
    write(JSON.stringify(file));
    const result = read();
    expect(result).toMatchObject({ kind: 'valid', path: join(dir, provisioningFileName), file });
    expect(result.kind === 'valid' ? result.hash : '').toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a partial file: only the steps it covers', () => {
    write(JSON.stringify({ serverAddress: 'visits.example.org' }));
    expect(read()).toMatchObject({ kind: 'valid', file: { serverAddress: 'visits.example.org' } });
    write(JSON.stringify({ enrolmentCode: 'DEMO-KIOSK-2468', housingUnit: 'b-east', location: 'Dayroom' }));
    expect(read()).toMatchObject({ kind: 'valid', file: { housingUnit: 'b-east' } });
  });

  it('names what is wrong in a malformed file and gives none of it', () => {
    write('{ "serverAddress": "visits.example.org", ');
    expect(issuesOf(read())).toEqual([{ field: '', problem: 'not_json' }]);
    write('[1, 2]');
    expect(issuesOf(read())).toEqual([{ field: '', problem: 'empty' }]);
    write('{}');
    expect(issuesOf(read())).toEqual([{ field: '', problem: 'empty' }]);
    write(JSON.stringify({ serverAddress: 42, enrolmentCode: 'DEMO-KIOSK-2468' }));
    expect(read()).toEqual({
      kind: 'invalid',
      path: join(dir, provisioningFileName),
      issues: [{ field: 'serverAddress', problem: 'wrong_type' }],
    });
    write(JSON.stringify({ serverAddress: 'visits.example.org', serverPort: 443, colour: 'red' }));
    expect(issuesOf(read())).toEqual([
      { field: 'serverPort', problem: 'unknown_field' },
      { field: 'colour', problem: 'unknown_field' },
    ]);
    write(JSON.stringify({ serverAddress: 'visits.example.org', certificateFingerprint: 'ab:cd' }));
    expect(issuesOf(read())).toEqual([{ field: 'certificateFingerprint', problem: 'invalid_value' }]);
    write(JSON.stringify({ housingUnit: 'b-east' }));
    expect(issuesOf(read())).toEqual([{ field: 'location', problem: 'missing' }]);
    write(JSON.stringify({ certificateFingerprint: fingerprint }));
    expect(issuesOf(read())).toEqual([{ field: 'serverAddress', problem: 'missing' }]);
    write(JSON.stringify({ serverAddress: 'http://127.0.0.1:8080', certificateFingerprint: fingerprint }));
    expect(issuesOf(read())).toEqual([{ field: 'certificateFingerprint', problem: 'fingerprint_without_https' }]);
    write(' '.repeat(20_000));
    expect(issuesOf(read())).toEqual([{ field: '', problem: 'too_large' }]);
  });

  it('is not applied again once its hash is the one stored', () => {
    write(JSON.stringify({ serverAddress: 'visits.example.org' }));
    const first = read();
    if (first.kind !== 'valid') throw new Error('expected a valid file');
    expect(read(first.hash)).toEqual({ kind: 'alreadyApplied', path: first.path });
    // Any change to the file is another file.
    write(JSON.stringify({ serverAddress: 'visits2.example.org' }));
    expect(read(first.hash).kind).toBe('valid');
  });
});

describe('a provisioning file applied by the setup flow against the reference server', () => {
  let server: TestServer;
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-zero-touch-'));
    store = openStore({ dir, log: silentLog });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeFile = (file: object) => writeFileSync(join(dir, provisioningFileName), JSON.stringify(file));
  const provisioned: string[] = [];

  function flow(): SetupFlow {
    const step = setupStepAtStart(store.config, { environmentServerUrl: undefined, unprovisioned: 'setup' });
    if (step === null) throw new Error('expected setup');
    return new SetupFlow({
      config: store.config,
      step,
      checkServer: (address, expectedFingerprint) =>
        checkServer(address, { allowPlainHttp: true, expectedFingerprint, timeoutMs: 2_000 }),
      provisioningFile: readProvisioningFile(dir, store.config.get('provisioningFileHash')),
      setupApi: (serverUrl) => createSetupApi(serverUrl, 2_000),
      devices: stockedDevices(store.config),
      checkTimeoutMs: 2_000,
      openMediaCheck: (url, token) => openMediaCheckRoom(url, token, silentLog, 2_000),
      reloadRenderer: () => {},
      audit: store.audit,
      atomically: (work) => store.atomically(work),
      onProvisioned: () => provisioned.push(dir),
      now: Date.now,
      log: silentLog,
    });
  }

  const kioskRow = (kioskId: string | undefined) => {
    const db = new Database(join(server.dataDir, 'visitation.sqlite'), { readonly: true });
    const row = db.prepare('SELECT housing_unit_id, location FROM kiosks WHERE id = ?').get(kioskId);
    db.close();
    return row;
  };

  it('goes from an empty store to done with nothing typed, audited, and the file recorded as used', async () => {
    writeFile({
      serverAddress: server.url,
      enrolmentCode: demo.enrolmentCode,
      housingUnit: 'b-east',
      location: 'B-East dayroom 4',
    });
    const setup = flow();
    expect(setup.view()).toMatchObject({ step: 'server', provisioningFile: { status: 'applying' } });
    // The file covers no devices: setup waits for them there, and the check then runs by itself.
    expect(await until(setup, (next) => next.step === 'devices')).toMatchObject({
      provisioningFile: { status: 'applying' },
      technician: null,
      housingUnit: 'B-East',
    });
    expect(store.config.get('setupStep')).toBe('devices');
    expect(provisioned).not.toContain(dir);
    await confirmDevices(setup);
    expect(await passCheck(setup)).toMatchObject({
      step: 'done',
      provisioningFile: { status: 'applying', path: join(dir, provisioningFileName) },
      housingUnit: 'B-East',
      location: 'B-East dayroom 4',
      check: { ok: true, path: 'udp' },
    });
    expect(provisioned).toContain(dir);
    expect(kioskRow(store.config.get('kioskId'))).toEqual({ housing_unit_id: 'b-east', location: 'B-East dayroom 4' });
    expect(store.config.get('provisioningFileHash')).toMatch(/^[0-9a-f]{64}$/);
    expect(store.audit.recent(5).find((entry) => entry.action === 'kiosk.provisioned')).toMatchObject({
      actor: 'enrolment-code',
    });
    // Decommissioned back to first boot with the same file still there: it is not applied twice.
    store.config.set({ setupStep: 'server' }, ['serverUrl', 'kioskToken', 'kioskId']);
    const again = flow();
    expect(again.view()).toMatchObject({ step: 'server', provisioningFile: { status: 'alreadyApplied' } });
    expect(again.view()).toMatchObject({ server: { status: 'idle' } });
  });

  it('fills in only what it covers: the server, then the technician signs in by hand', async () => {
    writeFile({ serverAddress: server.url });
    const setup = flow();
    const view = await until(setup, (next) => next.step === 'technicianSignIn');
    expect(view).toMatchObject({ serverUrl: server.url, signIn: { status: 'idle', failure: null } });
    expect(store.config.get('kioskToken')).toBeUndefined();
  });

  it('stops at the server step when its certificate fingerprint cannot match, applying nothing after it', async () => {
    writeFile({ serverAddress: 'https://127.0.0.1:1', certificateFingerprint: fingerprint, enrolmentCode: 'X-1234' });
    const setup = flow();
    const view = await until(setup, (next) => next.step === 'server' && next.server.status === 'checked');
    expect(view).toMatchObject({ provisioningFile: { status: 'stopped', step: 'server' } });
    expect(store.config.get('serverUrl')).toBeUndefined();
  });

  it('stops at sign-in when the server refuses its enrolment code, and the technician may go on by hand', async () => {
    writeFile({ serverAddress: server.url, enrolmentCode: 'NOT-A-CODE-9999', housingUnit: 'b-east', location: 'X' });
    const setup = flow();
    const view = await until(
      setup,
      (next) => next.step === 'technicianSignIn' && next.signIn.status === 'idle' && next.signIn.failure !== null,
    );
    expect(view).toMatchObject({
      provisioningFile: { status: 'stopped', step: 'technicianSignIn' },
      signIn: { failure: { reason: 'code_refused' } },
    });
    setup.signInTechnician(demo.technician.staffNumber, demo.technician.pin);
    const placing = await until(setup, (next) => next.step === 'placement' && next.placement.status === 'ready');
    // The file's placement is not applied after it stopped: the technician chooses.
    expect(placing).toMatchObject({ technician: 'Tech Okafor', placement: { status: 'ready', failure: null } });
  });

  it('stops at placement when its unit is not the code’s', async () => {
    writeFile({ serverAddress: server.url, enrolmentCode: demo.enrolmentCode, housingUnit: 'b-west', location: 'X' });
    const setup = flow();
    const view = await until(setup, (next) => next.provisioningFile?.status === 'stopped');
    expect(view).toMatchObject({
      step: 'placement',
      technician: null,
      provisioningFile: { step: 'placement' },
      placement: { status: 'ready', housingUnits: [{ id: 'b-east', name: 'B-East' }] },
    });
    expect(store.config.get('kioskToken')).toBeUndefined();
  });

  it('resumes at the step reached after a power cut, nothing enrolled before placement', async () => {
    writeFile({ serverAddress: server.url, enrolmentCode: demo.enrolmentCode });
    const first = flow();
    await until(first, (view) => view.step === 'placement' && view.placement.status === 'ready');
    expect(store.config.get('kioskToken')).toBeUndefined();
    // Power off here: the next start comes back at placement, with its session, the file still in use.
    const resumed = flow();
    expect(resumed.view()).toMatchObject({ step: 'placement', provisioningFile: { status: 'applying' } });
    await until(resumed, (view) => view.step === 'placement' && view.placement.status === 'ready');
    resumed.place('b-east', 'B-East dayroom 5');
    await confirmDevices(resumed);
    await passCheck(resumed);
    expect(kioskRow(store.config.get('kioskId'))).toEqual({ housing_unit_id: 'b-east', location: 'B-East dayroom 5' });
  });

  it('uses one use of a counted code per kiosk: a used-up code is refused', async () => {
    const db = new Database(join(server.dataDir, 'visitation.sqlite'));
    db.prepare(
      'INSERT INTO enrolment_codes (code_hash, housing_unit_id, uses_remaining, expires_at) VALUES (?, ?, 1, ?)',
    ).run(digest('ONE-USE-CODE-1234'), 'b-east', Date.now() + 3_600_000);
    db.close();
    writeFile({ serverAddress: server.url, enrolmentCode: 'ONE-USE-CODE-1234', housingUnit: 'b-east', location: 'A' });
    const first = flow();
    await confirmDevices(first);
    await passCheck(first);
    // Another kiosk with the same file.
    store.close();
    rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), 'kiosk-zero-touch-'));
    store = openStore({ dir, log: silentLog });
    writeFile({ serverAddress: server.url, enrolmentCode: 'ONE-USE-CODE-1234', housingUnit: 'b-east', location: 'B' });
    const view = await until(flow(), (next) => next.provisioningFile?.status === 'stopped');
    expect(view).toMatchObject({ step: 'technicianSignIn', signIn: { failure: { reason: 'code_refused' } } });
  });
});
