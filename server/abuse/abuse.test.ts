import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHandshakeError } from '../../src/shared/protocol/handshake';
import {
  enrolmentCodeSchema,
  enrolmentCodesPath,
  enrolPath,
  enrolResponseSchema,
  httpErrorSchema,
} from '../../src/shared/protocol/http';
import { mediaProtocol } from '../../src/shared/protocol/media';
import { demo } from '../demo/seed';
import { kioskSignInLimit } from '../domain/sign-in';
import { enrolLimit } from '../http/api-routes';
import { visitorCodeLimit } from '../media/media-namespace';
import { connectKiosk, enrol as enrolWith } from '../test-support/clients';
import { manualClock } from '../test-support/manual-clock';
import { startTestServer, type TestServer } from '../test-support/test-server';

/** Abuse of the server's doors. One server: each test moves its clock on far enough that it leaves every throttle refilled. */
describe('the server against abuse', () => {
  const clock = manualClock();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock });
  });
  afterAll(() => server.dispose());

  const enrol = (code: string) =>
    fetch(`${server.url}${enrolPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });

  const issueCode = async (body: object) =>
    fetch(`${server.url}${enrolmentCodesPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.adminToken}` },
      body: JSON.stringify(body),
    });

  it('issues strong enrolment codes that expire and are used up', async () => {
    const response = await issueCode({ housingUnitId: demo.housingUnit.id, uses: 1, expiresInMinutes: 10 });
    expect(response.status).toBe(201);
    const issued = enrolmentCodeSchema.parse(await response.json());
    expect(issued.code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){4}$/);
    expect(Date.parse(issued.expiresAt)).toBe(clock.now() + 10 * 60_000);
    expect((await enrol(issued.code)).status).toBe(201);
    expect((await enrol(issued.code)).status).toBe(403);

    const expiring = enrolmentCodeSchema.parse(
      await (await issueCode({ housingUnitId: demo.housingUnit.id, expiresInMinutes: 1 })).json(),
    );
    clock.advance(60_000);
    expect((await enrol(expiring.code)).status).toBe(403);
    expect((await issueCode({ housingUnitId: 'no-such-unit' })).status).toBe(404);
    expect((await issueCode({ housingUnitId: demo.housingUnit.id, expiresInMinutes: 100_000 })).status).toBe(400);
    clock.advance(enrolLimit.refillMs * enrolLimit.burst);
  });

  it('throttles refused enrolments per address with 429 and Retry-After, and lifts it in time', async () => {
    for (let attempt = 0; attempt < enrolLimit.burst; attempt++)
      expect((await enrol('WRONG-CODE-0000')).status).toBe(403);
    const throttled = await enrol(demo.enrolmentCode);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe(String(enrolLimit.refillMs / 1000));
    expect(httpErrorSchema.parse(await throttled.json()).error).toMatchObject({
      code: 'too_many_requests',
      retryAfterSeconds: enrolLimit.refillMs / 1000,
    });
    clock.advance(enrolLimit.refillMs);
    const enrolled = await enrol(demo.enrolmentCode);
    expect(enrolled.status).toBe(201);
    enrolResponseSchema.parse(await enrolled.json());
    // A successful enrolment cost nothing: the one attempt that refilled is still there.
    expect((await enrol('WRONG-CODE-0000')).status).toBe(403);
    expect((await enrol('WRONG-CODE-0000')).status).toBe(429);
    clock.advance(enrolLimit.refillMs * enrolLimit.burst);
  });

  const handshake = async (auth: object, origin?: string) => {
    const socket = io(`${server.url}${mediaProtocol.namespace}`, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(origin === undefined ? {} : { extraHeaders: { Origin: origin } }),
    });
    return new Promise<{ connected: true } | { connected: false; error: unknown }>((resolve) => {
      socket.once('connect', () => {
        socket.close();
        resolve({ connected: true });
      });
      socket.once('connect_error', (error) => {
        socket.close();
        resolve({ connected: false, error });
      });
    });
  };

  it('throttles wrong visitor codes per address, telling when to retry, and never a right code by itself', async () => {
    for (let attempt = 0; attempt < visitorCodeLimit.burst * 2; attempt++) {
      expect(await handshake({ code: demo.visits.now.visitorCode })).toEqual({ connected: true });
    }
    for (let attempt = 0; attempt < visitorCodeLimit.burst; attempt++) {
      const refused = await handshake({ code: 'ABCD-EFGH-JKLM' });
      expect(refused.connected ? undefined : readHandshakeError(refused.error)?.code).toBe('unauthenticated');
    }
    const throttled = await handshake({ code: demo.visits.now.visitorCode });
    expect(throttled.connected ? undefined : readHandshakeError(throttled.error)).toEqual({
      code: 'too_many_attempts',
      message: expect.any(String) as string,
      retryAfterSeconds: visitorCodeLimit.refillMs / 1000,
    });
    clock.advance(visitorCodeLimit.refillMs);
    expect(await handshake({ code: demo.visits.now.visitorCode })).toEqual({ connected: true });
    clock.advance(visitorCodeLimit.refillMs * visitorCodeLimit.burst);
  });

  it('answers a kiosk trying one PIN across many IDs with too_many_attempts and when to retry', async () => {
    const kiosk = await connectKiosk(server.url);
    try {
      for (let attempt = 0; attempt < kioskSignInLimit.burst; attempt++) {
        const answer = await kiosk.rpc.request('inmate.signIn', { inmateId: String(700000 + attempt), pin: '2468' });
        expect(answer).toMatchObject({ ok: false, error: { code: 'bad_credentials' } });
      }
      expect(
        await kiosk.rpc.request('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin }),
      ).toMatchObject({
        ok: false,
        error: { code: 'too_many_attempts', retryAfterSeconds: kioskSignInLimit.refillMs / 1000 },
      });
    } finally {
      kiosk.socket.close();
    }
  });

  it('lets sockets in only from no browser, its own pages, the kiosk app and loopback pages', async () => {
    const code = { code: demo.visits.now.visitorCode };
    const { port } = new URL(server.url);
    for (const origin of [undefined, server.url, `http://localhost:${port}`, 'app://kiosk', 'http://127.0.0.1:5173']) {
      expect(await handshake(code, origin), String(origin)).toEqual({ connected: true });
    }
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'app://other', 'file://']) {
      const refused = await handshake(code, origin);
      expect(refused.connected, origin).toBe(false);
      expect(readHandshakeError(refused.connected ? undefined : refused.error), origin).toBeUndefined();
    }
    // The kiosk's main process sends no Origin.
    const kiosk = await connectKiosk(server.url);
    kiosk.socket.close();
  });
});

describe('a server started without --demo', () => {
  let server: TestServer;

  beforeAll(async () => {
    // An earlier start with the demo left its credentials in the database.
    const demoStart = await startTestServer({ demo: true });
    await demoStart.close();
    server = await startTestServer({ demo: false, dataDir: demoStart.dataDir });
  });
  afterAll(() => server.dispose());

  it('leaves no demo enrolment code, PIN or visit code usable', async () => {
    expect(server.demoVisits).toBeUndefined();
    const enrolled = await fetch(`${server.url}${enrolPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: demo.enrolmentCode }),
    });
    expect(enrolled.status).toBe(403);
    const socket = io(`${server.url}${mediaProtocol.namespace}`, {
      auth: { code: demo.visits.now.visitorCode },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const error = await new Promise<unknown>((resolve) => {
      socket.once('connect', () => resolve(undefined));
      socket.once('connect_error', resolve);
    });
    socket.close();
    expect(readHandshakeError(error)?.code).toBe('unauthenticated');

    const issued = await fetch(`${server.url}${enrolmentCodesPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.adminToken}` },
      body: JSON.stringify({ housingUnitId: demo.housingUnit.id }),
    });
    const kiosk = await connectKiosk(
      server.url,
      await enrolWith(server.url, enrolmentCodeSchema.parse(await issued.json()).code),
    );
    try {
      expect(
        await kiosk.rpc.request('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin }),
      ).toMatchObject({
        ok: false,
        error: { code: 'bad_credentials' },
      });
    } finally {
      kiosk.socket.close();
    }
  });
});
