import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineProtocol, errorCodeSchema, RpcFailure } from '../../src/shared/protocol/rpc';
import { createRpcClient, type RpcSocket } from '../../src/shared/protocol/rpc-client';
import { attachResponder } from '../../src/shared/protocol/rpc-responder';

// The request/acknowledge helpers of src/shared/protocol, tested on their own over an in-memory
// socket; the server's tests exercise them again over real socket.io.

const protocol = defineProtocol({
  namespace: '/test',
  errorCode: errorCodeSchema('nope'),
  requests: {
    echo: {
      request: z.strictObject({ text: z.string().max(10) }),
      response: z.strictObject({ text: z.string() }),
      retryOnTimeout: true,
    },
    create: { request: z.strictObject({}), response: z.strictObject({ id: z.string() }), retryOnTimeout: false },
  },
  serverRequests: {
    ping: {
      request: z.strictObject({ n: z.number() }),
      response: z.strictObject({ n: z.number() }),
      retryOnTimeout: false,
    },
  },
  events: { said: z.strictObject({ text: z.string() }) },
});

/** One end of a socket pair: what one side emits, the other receives. */
class FakeSocket extends EventEmitter implements RpcSocket {
  connected = true;
  peer: FakeSocket | undefined;
  readonly anyListeners: ((event: string, ...args: unknown[]) => void)[] = [];
  override emit(event: string, ...args: unknown[]): boolean {
    const peer = this.peer;
    if (peer !== undefined) queueMicrotask(() => peer.receive(event, args));
    return true;
  }
  receive(event: string, args: unknown[]): void {
    for (const listener of this.anyListeners) listener(event, ...args);
    super.emit(event, ...args);
  }
  onAny(listener: (event: string, ...args: unknown[]) => void): this {
    this.anyListeners.push(listener);
    return this;
  }
}

function pair(): [FakeSocket, FakeSocket] {
  const client = new FakeSocket();
  const server = new FakeSocket();
  client.peer = server;
  server.peer = client;
  return [client, server];
}

const log = () => ({ warn: vi.fn(), error: vi.fn() });

describe('request/acknowledge', () => {
  it('validates, answers and validates the answer', async () => {
    const [client, server] = pair();
    attachResponder(
      server,
      protocol.requests,
      protocol.errorCode,
      {
        echo: ({ text }) => ({ text: text.toUpperCase() }),
        create: () => {
          throw new RpcFailure('nope', 'not today', 7);
        },
      },
      undefined,
      log(),
    );
    const rpc = createRpcClient(client, protocol, log());
    expect(await rpc.request('echo', { text: 'hi' })).toEqual({ ok: true, result: { text: 'HI' } });
    expect(await rpc.request('create', {})).toEqual({
      ok: false,
      error: { code: 'nope', message: 'not today', retryAfterSeconds: 7 },
    });
  });

  it('answers malformed and unknown requests with invalid_request, and hides handler crashes', async () => {
    const [client, server] = pair();
    const serverLog = log();
    attachResponder(
      server,
      protocol.requests,
      protocol.errorCode,
      {
        echo: () => ({ text: 5 }) as never,
        create: () => {
          throw new Error('database on fire');
        },
      },
      undefined,
      serverLog,
    );
    const ask = (event: string, ...args: unknown[]) => new Promise((resolve) => client.emit(event, ...args, resolve));
    expect(await ask('echo', { text: 'far too long text' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await ask('echo', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await ask('echo', { text: 'a' }, 'extra')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await ask('nosuch', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await ask('__proto__', {})).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await ask('echo', { text: 'a' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'echo failed' },
    });
    expect(await ask('create', {})).toEqual({ ok: false, error: { code: 'internal', message: 'create failed' } });
  });

  it('logs and drops a request without a callback', async () => {
    const [client, server] = pair();
    const serverLog = log();
    const echo = vi.fn(() => ({ text: 'x' }));
    attachResponder(
      server,
      protocol.requests,
      protocol.errorCode,
      { echo, create: () => ({ id: '1' }) },
      undefined,
      serverLog,
    );
    client.emit('echo', { text: 'a' });
    client.emit('nosuch', { text: 'a' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(echo).not.toHaveBeenCalled();
    expect(serverLog.warn).toHaveBeenCalledTimes(2);
  });

  it('answers one request at a time, in order', async () => {
    const [client, server] = pair();
    const order: string[] = [];
    attachResponder(
      server,
      protocol.requests,
      protocol.errorCode,
      {
        echo: async ({ text }) => {
          order.push(`start ${text}`);
          await new Promise((resolve) => setTimeout(resolve, text === 'slow' ? 20 : 0));
          order.push(`end ${text}`);
          return { text };
        },
        create: () => ({ id: '1' }),
      },
      undefined,
      log(),
    );
    const rpc = createRpcClient(client, protocol, log());
    await Promise.all([rpc.request('echo', { text: 'slow' }), rpc.request('echo', { text: 'fast' })]);
    expect(order).toEqual(['start slow', 'end slow', 'start fast', 'end fast']);
  });

  it('retries a retryable request on timeout only, a bounded number of times', async () => {
    const [client, server] = pair();
    let calls = 0;
    server.on('echo', (_payload: unknown, ack: (response: unknown) => void) => {
      calls += 1;
      if (calls === 3) ack({ ok: true, result: { text: 'third time' } });
    });
    const rpc = createRpcClient(client, protocol, log(), { timeoutMs: 20, retries: 2 });
    expect(await rpc.request('echo', { text: 'a' })).toEqual({ ok: true, result: { text: 'third time' } });
    expect(calls).toBe(3);

    calls = -10;
    expect(await rpc.request('echo', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(calls).toBe(-7);
  });

  it('does not retry after an error answer, nor a request marked not retryable', async () => {
    const [client, server] = pair();
    const echo = vi.fn((_payload: unknown, ack: (response: unknown) => void) =>
      ack({ ok: false, error: { code: 'nope', message: 'no' } }),
    );
    const create = vi.fn();
    server.on('echo', echo);
    server.on('create', create);
    const rpc = createRpcClient(client, protocol, log(), { timeoutMs: 20, retries: 3 });
    expect(await rpc.request('echo', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'nope' } });
    expect(await rpc.request('create', {})).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(echo).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('fails fast while disconnected and when the connection drops mid-request', async () => {
    const [client, server] = pair();
    const rpc = createRpcClient(client, protocol, log(), { timeoutMs: 1000 });
    server.on('echo', () =>
      queueMicrotask(() => EventEmitter.prototype.emit.call(client, 'disconnect', 'transport close')),
    );
    expect(await rpc.request('echo', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    client.connected = false;
    expect(await rpc.request('echo', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'disconnected' } });
  });

  it('refuses malformed answers and invalid payloads on the client side', async () => {
    const [client, server] = pair();
    server.on('echo', (_payload: unknown, ack: (response: unknown) => void) => ack({ ok: true, result: { text: 1 } }));
    const rpc = createRpcClient(client, protocol, log());
    expect(await rpc.request('echo', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'invalid_response' } });
    expect(await rpc.request('echo', { text: 'far too long text' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });

  it('delivers valid events, drops invalid ones, and answers server requests', async () => {
    const [client, server] = pair();
    const clientLog = log();
    const rpc = createRpcClient(client, protocol, clientLog);
    const said = vi.fn();
    const unsubscribe = rpc.on('said', said);
    rpc.handle('ping', ({ n }) => ({ n: n + 1 }));
    server.emit('said', { text: 'hello' });
    server.emit('said', { text: 42 });
    const answer = await new Promise((resolve) => server.emit('ping', { n: 1 }, resolve));
    expect(said).toHaveBeenCalledExactlyOnceWith({ text: 'hello' });
    expect(clientLog.warn).toHaveBeenCalledOnce();
    expect(answer).toEqual({ ok: true, result: { n: 2 } });
    unsubscribe();
    server.emit('said', { text: 'again' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(said).toHaveBeenCalledOnce();
  });
});
