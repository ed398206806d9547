import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol, EnrolmentError } from '../../../src/main/link/enrolment';
import { resolveServerIdentity, serverNotSecure } from '../../../src/main/link/provisioning';
import { openStore } from '../../../src/main/store/store';
import { demo } from '../../../server/demo/seed';
import { kioskRecord, enrolledKioskCount } from '../../../server/test-support/inspect-database';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog, tempDir } from '../store/helpers';
import { capturingLog, unreachableUrl } from './helpers';

describe('provisioning against the reference server', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.dispose());

  it('enrols once and keeps the token, so a restart needs no enrolment code', async () => {
    const dir = tempDir();
    const first = openStore({ dir, log: silentLog });
    const enrolled = await resolveServerIdentity(
      first.config,
      { serverUrl: server.url, enrolmentCode: demo.enrolmentCode },
      silentLog,
    );
    expect(enrolled).toEqual({ serverUrl: server.url, token: expect.any(String) });
    const kioskId = first.config.get('kioskId');
    expect(first.config.get('housingUnit')).toBe(demo.housingUnit.id);
    first.close();
    expect(kioskId).toBeDefined();
    expect(kioskRecord(server.dataDir, kioskId ?? '')).toMatchObject({ housingUnitId: demo.housingUnit.id });
    const kiosks = enrolledKioskCount(server.dataDir);

    // The next start: no code, and no server in the environment either; the store has both.
    const { log, messages } = capturingLog();
    const second = openStore({ dir, log });
    const again = await resolveServerIdentity(second.config, { serverUrl: undefined, enrolmentCode: undefined }, log);
    second.close();
    expect(again).toEqual(enrolled);
    expect(enrolledKioskCount(server.dataDir)).toBe(kiosks);
    expect(messages()).not.toContain('enrolled with the visitation server');
  });

  it('enrols again, with the code, when pointed at another server', async () => {
    const store = openStore({ dir: tempDir(), log: silentLog });
    const first = await resolveServerIdentity(
      store.config,
      { serverUrl: server.url, enrolmentCode: demo.enrolmentCode },
      silentLog,
    );
    const firstKiosk = store.config.get('kioskId');
    // The same server under another name is another server as far as the kiosk can tell.
    const otherUrl = server.url.replace('127.0.0.1', 'localhost');
    const second = await resolveServerIdentity(
      store.config,
      { serverUrl: otherUrl, enrolmentCode: demo.enrolmentCode },
      silentLog,
    );
    expect(second?.serverUrl).toBe(otherUrl);
    expect(second?.token).not.toBe(first?.token);
    expect(store.config.get('serverUrl')).toBe(otherUrl);
    expect(store.config.get('kioskId')).not.toBe(firstKiosk);
    store.close();
  });

  it('is undefined, and says so, when no server is provisioned', async () => {
    const { log, entries } = capturingLog();
    const store = openStore({ dir: tempDir(), log });
    const identity = await resolveServerIdentity(
      store.config,
      { serverUrl: undefined, enrolmentCode: demo.enrolmentCode },
      log,
    );
    store.close();
    expect(identity).toBeUndefined();
    expect(entries).toContainEqual(expect.objectContaining({ level: 40, msg: 'no visitation server is provisioned' }));
  });

  it('refuses a server beyond loopback without https, saying so, before sending it anything', async () => {
    const { log, entries } = capturingLog();
    const store = openStore({ dir: tempDir(), log });
    // TEST-NET-1: nothing answers there, and nothing is sent, since the URL is refused first.
    const serverUrl = 'http://192.0.2.1:4000';
    store.config.set({ serverUrl, kioskToken: 'stored-token-from-an-older-kiosk-0123456789' });
    const identity = await resolveServerIdentity(store.config, { serverUrl, enrolmentCode: demo.enrolmentCode }, log);
    // Sign-in says why; the provisioned address counts as much as the environment's.
    expect(serverNotSecure(store.config, { serverUrl: undefined, enrolmentCode: undefined })).toBe(true);
    expect(serverNotSecure(store.config, { serverUrl: 'https://192.0.2.1', enrolmentCode: undefined })).toBe(false);
    expect(serverNotSecure(store.config, { serverUrl, enrolmentCode: undefined, allowPlainHttp: true })).toBe(false);
    store.close();
    expect(identity).toBeUndefined();
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 50,
        serverUrl,
        reason: expect.stringContaining('https') as string,
        msg: 'visitation server refused: it must use https',
      }),
    );
    expect(entries.find((entry) => entry.msg === 'enrolment failed')).toBeUndefined();
  });

  it('is undefined, and says so, when the kiosk is not enrolled and has no code', async () => {
    const { log, entries } = capturingLog();
    const store = openStore({ dir: tempDir(), log });
    const identity = await resolveServerIdentity(
      store.config,
      { serverUrl: server.url, enrolmentCode: undefined },
      log,
    );
    store.close();
    expect(identity).toBeUndefined();
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 50,
        serverUrl: server.url,
        msg: 'not enrolled with the visitation server and no enrolment code was given',
      }),
    );
  });

  it.each([
    ['a wrong code', () => Promise.resolve(server.url), 'NOT-A-CODE', 'bad_credentials'],
    ['an unreachable server', unreachableUrl, demo.enrolmentCode, 'unreachable'],
  ])('is undefined, stores nothing and logs the reason for %s', async (_case, url, code, reason) => {
    const serverUrl = await url();
    const { log, entries } = capturingLog();
    const store = openStore({ dir: tempDir(), log });
    expect(await resolveServerIdentity(store.config, { serverUrl, enrolmentCode: code }, log)).toBeUndefined();
    expect(store.config.get('kioskToken')).toBeUndefined();
    store.close();
    const failure = entries.find((entry) => entry.msg === 'enrolment failed');
    expect(failure).toMatchObject({ level: 50, err: { code: reason } });
    // The code is a credential: it never reaches the log.
    expect(JSON.stringify(entries)).not.toContain(code);
  });

  it('reports a refused enrolment with the server’s code', async () => {
    const refusal = await enrol(server.url, 'NOT-A-CODE').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EnrolmentError);
    expect(refusal).toMatchObject({ code: 'bad_credentials' });
  });
});
