import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../demo/seed';
import { connectKiosk, connectMedia, nextEvent, type KioskClient } from '../test-support/clients';
import { startTestServer, type TestServer } from '../test-support/test-server';

// What a buggy or hostile client can send over real socket.io, and what it gets back: an
// `invalid_request` answer where there is a callback to answer, silence and a log line where there
// is none, and a server that keeps answering everyone else.

describe('malformed requests', () => {
  let server: TestServer;
  let kiosk: KioskClient;
  const ask = (event: string, ...args: unknown[]): Promise<unknown> =>
    new Promise((resolve) => kiosk.socket.emit(event, ...args, resolve));
  const stillServing = async (): Promise<void> => {
    const fresh = await connectKiosk(server.url);
    expect(await fresh.rpc.request('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin })).toMatchObject({
      ok: true,
    });
    fresh.socket.close();
  };

  beforeAll(async () => {
    server = await startTestServer();
    kiosk = await connectKiosk(server.url);
  });
  afterAll(async () => {
    kiosk.socket.close();
    await server.dispose();
  });

  it.each([
    ['a wrong type', 'inmate.signIn', [{ inmateId: 100234, pin: '2468' }]],
    ['a missing field', 'inmate.signIn', [{ inmateId: '100234' }]],
    ['an unknown field', 'inmate.signIn', [{ inmateId: '100234', pin: '2468', admin: true }]],
    ['null', 'kiosk.heartbeat', [null]],
    ['a string', 'outbox.deliver', ['records']],
    ['binary', 'outbox.deliver', [Buffer.from('records')]],
    ['no payload', 'inmate.visits', []],
    ['two payloads', 'inmate.visits', [{}, {}]],
    ['an empty outbox batch', 'outbox.deliver', [{ records: [] }]],
    ['an unknown request', 'inmate.delete', [{}]],
    ['a prototype name', '__proto__', [{}]],
    ['a prototype name', 'constructor', [{}]],
  ])('answers %s (%s) with invalid_request', async (_what, event, args) => {
    expect(await ask(event, ...args)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('answers an oversized field that fits in a message with invalid_request', async () => {
    const answer = await ask('kiosk.heartbeat', { status: { appVersion: 'x'.repeat(500_000) } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(JSON.stringify(answer).length).toBeLessThan(1000);
  });

  it('drops requests without a callback and keeps answering the same socket', async () => {
    kiosk.socket.emit('inmate.signIn', { inmateId: demo.inmate.id, pin: demo.inmate.pin });
    kiosk.socket.emit('no.such.thing', { a: 1 });
    kiosk.socket.emit('inmate.visits');
    expect(await ask('inmate.signIn', { inmateId: demo.inmate.id, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'bad_credentials' },
    });
  });

  it('cuts off a message over the size limit and keeps serving others', async () => {
    const victim = await connectKiosk(server.url);
    const dropped = nextEvent<string>(victim.socket, 'disconnect');
    victim.socket.emit('outbox.deliver', { records: [{ key: 'k'.repeat(2_000_000) }] }, () => {});
    expect(await dropped).toMatch(/transport (close|error)/);
    await stillServing();
  });

  it('handles garbage on the media namespace the same way', async () => {
    const visitor = await connectMedia(server.url, { code: demo.visits.now.visitorCode });
    const askMedia = (event: string, ...args: unknown[]): Promise<unknown> =>
      new Promise((resolve) => visitor.socket.emit(event, ...args, resolve));
    expect(await askMedia('produce', { transportId: 'x', kind: 'smell', rtpParameters: {} })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await askMedia('transport.create', { direction: 'sideways' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await askMedia('consume', { producerId: 'p', rtpCapabilities: { codecs: 'all of them' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await askMedia('transport.create', { direction: 'send' })).toMatchObject({
      ok: false,
      error: { code: 'not_joined' },
    });
    visitor.socket.close();
    await stillServing();
  });
});
