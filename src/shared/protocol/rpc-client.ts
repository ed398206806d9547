import { describeIssues } from '../describe-issues';
import type { z } from 'zod';
import {
  responseSchema,
  type ErrorCodeOf,
  type EventName,
  type EventOf,
  type LocalErrorCode,
  type Protocol,
  type RequestName,
  type RequestOf,
  type RequestSpecs,
  type ResultOf,
  type RpcLog,
  type RpcResult,
} from './rpc';
import { answerRequest, type Handler } from './rpc-responder';

/**
 * The requesting end of a protocol. It depends on nothing but zod and a socket's shape, so the
 * kiosk's main process (socket.io-client on Node), the browser pages and the server (asking a
 * kiosk) all use it.
 */
export interface RpcSocket {
  readonly connected: boolean;
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface CallOptions {
  /** How long one attempt waits for its acknowledgement. */
  timeoutMs?: number;
  /** Further attempts after a timeout; never after an answer, and only for retryable requests. */
  retries?: number;
}

export const defaultCallOptions: Required<CallOptions> = { timeoutMs: 10_000, retries: 2 };

type Outcome = { kind: 'answer'; raw: unknown } | { kind: 'timeout' } | { kind: 'disconnected' };

export async function sendRequest<S extends RequestSpecs, N extends RequestName<S>, Code extends string>(
  socket: RpcSocket,
  specs: S,
  errorCode: z.ZodType<Code>,
  name: N,
  payload: RequestOf<S, N>,
  options: Required<CallOptions>,
  log: RpcLog,
): Promise<RpcResult<ResultOf<S, N>, Code | LocalErrorCode>> {
  const spec = specs[name];
  if (spec === undefined) return failure('invalid_request' as Code, `no request named "${name}"`);
  const checked = spec.request.safeParse(payload);
  if (!checked.success) {
    return failure('invalid_request' as Code, `${name}: ${describeIssues(checked.error)}`);
  }
  const attempts = spec.retryOnTimeout ? 1 + options.retries : 1;
  for (let attempt = 1; ; attempt++) {
    // socket.io buffers emits while disconnected and replays them on reconnect; a request that
    // was already given up on must not arrive later, so nothing is sent while disconnected.
    if (!socket.connected) return failure('disconnected', `${name}: not connected`);
    const outcome = await emitOnce(socket, name, checked.data, options.timeoutMs);
    if (outcome.kind === 'disconnected') return failure('disconnected', `${name}: connection lost`);
    if (outcome.kind === 'timeout') {
      if (attempt < attempts) continue;
      return failure('timeout', `${name}: no answer within ${options.timeoutMs} ms`);
    }
    const response = responseSchema(spec.response, errorCode).safeParse(outcome.raw);
    if (!response.success) {
      log.warn({ request: name, issues: describeIssues(response.error) }, 'refused malformed response');
      return failure('invalid_response', `${name}: malformed response`);
    }
    return response.data as RpcResult<ResultOf<S, N>, Code>;
  }
}

function emitOnce(socket: RpcSocket, name: string, payload: unknown, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('disconnect', onDisconnect);
      resolve(outcome);
    };
    const onDisconnect = (): void => finish({ kind: 'disconnected' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.on('disconnect', onDisconnect);
    socket.emit(name, payload, (raw: unknown) => finish({ kind: 'answer', raw }));
  });
}

function failure<Code extends string>(
  code: Code,
  message: string,
): { ok: false; error: { code: Code; message: string } } {
  return { ok: false, error: { code, message } };
}

export type ClientResult<P extends Protocol, N extends RequestName<P['requests']>> = RpcResult<
  ResultOf<P['requests'], N>,
  ErrorCodeOf<P> | LocalErrorCode
>;

export interface RpcClient<P extends Protocol> {
  request<N extends RequestName<P['requests']>>(
    name: N,
    payload: RequestOf<P['requests'], N>,
    options?: CallOptions,
  ): Promise<ClientResult<P, N>>;
  /** Listens to a server event; payloads that fail the event's schema are logged and dropped. */
  on<E extends EventName<P>>(event: E, listener: (payload: EventOf<P, E>) => void): () => void;
  /** Answers a server request with the same validation the server gives client requests. */
  handle<N extends RequestName<P['serverRequests']>>(
    name: N,
    handler: Handler<P['serverRequests'], N, void>,
  ): () => void;
}

export function createRpcClient<P extends Protocol>(
  socket: RpcSocket,
  protocol: P,
  log: RpcLog,
  options: CallOptions = {},
): RpcClient<P> {
  const defaults = { ...defaultCallOptions, ...options };
  return {
    request: <N extends RequestName<P['requests']>>(
      name: N,
      payload: RequestOf<P['requests'], N>,
      callOptions: CallOptions = {},
    ) =>
      sendRequest<P['requests'], N, ErrorCodeOf<P>>(
        socket,
        protocol.requests,
        protocol.errorCode as z.ZodType<ErrorCodeOf<P>>,
        name,
        payload,
        { ...defaults, ...callOptions },
        log,
      ),
    on: (event, listener) => {
      const schema = protocol.events[event] as z.ZodType;
      const onEvent = (...args: unknown[]): void => {
        const payload = schema.safeParse(args[0]);
        if (!payload.success) {
          log.warn({ event, issues: describeIssues(payload.error) }, 'refused malformed event');
          return;
        }
        listener(payload.data as EventOf<P, typeof event>);
      };
      socket.on(event, onEvent);
      return () => void socket.off(event, onEvent);
    },
    handle: (name, handler) => {
      const spec = protocol.serverRequests[name];
      if (spec === undefined) throw new Error(`no server request named "${name}"`);
      const onRequest = (...args: unknown[]): void => {
        void answerRequest(
          name,
          spec,
          handler as (payload: never) => unknown,
          args,
          undefined,
          protocol.errorCode,
          log,
        );
      };
      socket.on(name, onRequest);
      return () => void socket.off(name, onRequest);
    },
  };
}
