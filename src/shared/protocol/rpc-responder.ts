import { describeIssues } from '../describe-issues';
import type { z } from 'zod';
import {
  RpcFailure,
  type RequestName,
  type RequestSpec,
  type RequestSpecs,
  type ResultInputOf,
  type RpcLog,
  type ValidRequestOf,
} from './rpc';

export type Handler<S extends RequestSpecs, N extends keyof S, Ctx> = (
  payload: ValidRequestOf<S, N>,
  context: Ctx,
) => ResultInputOf<S, N> | Promise<ResultInputOf<S, N>>;

export type Handlers<S extends RequestSpecs, Ctx> = { [N in RequestName<S>]: Handler<S, N, Ctx> };

/** The answering end of a socket: socket.io's server socket, or a client socket answering the server. */
export interface ResponderSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface AnsweringSocket extends ResponderSocket {
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
}

type Ack = (response: unknown) => void;

/**
 * Validates one request, runs its handler and acknowledges exactly once. It never throws: a
 * malformed request is answered `invalid_request`, a failing handler `internal`, and a request
 * without an acknowledgement callback cannot be answered, so it is logged and dropped.
 */
export async function answerRequest<Ctx>(
  name: string,
  spec: RequestSpec,
  handler: (payload: never, context: Ctx) => unknown,
  args: readonly unknown[],
  context: Ctx,
  errorCode: z.ZodType<string>,
  log: RpcLog,
): Promise<void> {
  const ack = args.at(-1);
  if (typeof ack !== 'function') {
    log.warn({ request: name }, 'request without an acknowledgement callback ignored');
    return;
  }
  const reply = (response: unknown): void => safeAck(ack as Ack, response, name, log);
  if (args.length !== 2) {
    reply(refusal('invalid_request', `${name}: expected exactly one payload argument`));
    return;
  }
  const payload = spec.request.safeParse(args[0]);
  if (!payload.success) {
    log.warn({ request: name, issues: describeIssues(payload.error) }, 'refused malformed request');
    reply(refusal('invalid_request', `${name}: ${describeIssues(payload.error)}`));
    return;
  }

  let result: unknown;
  try {
    result = await handler(payload.data as never, context);
  } catch (error) {
    if (error instanceof RpcFailure && errorCode.safeParse(error.code).success) {
      reply(refusal(error.code, error.message, error.retryAfterSeconds));
    } else {
      log.error({ request: name, err: error }, 'request handler failed');
      reply(refusal('internal', `${name} failed`));
    }
    return;
  }
  const checked = spec.response.safeParse(result);
  if (!checked.success) {
    log.error({ request: name, issues: describeIssues(checked.error) }, 'handler result outside the protocol');
    reply(refusal('internal', `${name} failed`));
    return;
  }
  reply({ ok: true, result: checked.data });
}

/**
 * Answers every request of a protocol on one socket, one at a time in arrival order, so a peer's
 * requests never race each other. Events the protocol does not name are answered
 * `invalid_request` when they carry a callback and logged otherwise.
 */
export function attachResponder<S extends RequestSpecs, Ctx>(
  socket: AnsweringSocket,
  specs: S,
  errorCode: z.ZodType<string>,
  handlers: Handlers<S, Ctx>,
  context: Ctx,
  log: RpcLog,
): void {
  let tail = Promise.resolve();
  for (const name of Object.keys(specs) as RequestName<S>[]) {
    const spec = specs[name] as RequestSpec;
    const handler = handlers[name] as (payload: never, context: Ctx) => unknown;
    socket.on(name, (...args) => {
      tail = tail.then(async () => {
        const startedAt = performance.now();
        await answerRequest(name, spec, handler, args, context, errorCode, log);
        log.debug?.({ request: name, durationMs: performance.now() - startedAt }, 'request answered');
      });
    });
  }
  socket.onAny((event, ...args) => {
    if (Object.hasOwn(specs, event)) return;
    const ack = args.at(-1);
    const shownName = String(event).slice(0, 100);
    log.warn({ request: shownName }, 'refused unknown request');
    if (typeof ack === 'function') {
      safeAck(ack as Ack, refusal('invalid_request', `no request named "${shownName}"`), shownName, log);
    }
  });
}

function safeAck(ack: Ack, response: unknown, request: string, log: RpcLog): void {
  try {
    ack(response);
  } catch (error) {
    log.error({ request, err: error }, 'acknowledgement callback failed');
  }
}

function refusal(code: string, message: string, retryAfterSeconds?: number) {
  return {
    ok: false,
    error: { code, message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
  } as const;
}
