import { z } from 'zod';

/**
 * The request/acknowledge pattern every socket protocol here uses: one socket.io event per request
 * name, the payload as its only argument and an acknowledgement callback answering
 * `{ok: true, result} | {ok: false, error}`. A protocol is a plain object of zod schemas, so both
 * ends validate the same shapes and the TypeScript types are derived from them.
 */

/** Codes every protocol has: the answering side sends them without asking any handler. */
export const baseErrorCodes = ['invalid_request', 'internal'] as const;

/** A protocol's error codes: the base ones plus what its callers can act on. */
export function errorCodeSchema<const C extends readonly string[]>(...codes: C) {
  return z.enum([...baseErrorCodes, ...codes]);
}

/** Codes the requesting side produces itself, when no valid answer came back. */
export const localErrorCodeSchema = z.enum(['timeout', 'disconnected', 'invalid_response']);
export type LocalErrorCode = z.infer<typeof localErrorCodeSchema>;

export function rpcErrorSchema<C extends z.ZodType<string>>(code: C) {
  return z.strictObject({
    code,
    message: z.string().max(1000),
    /** Set on refusals that lift with time (a sign-in lockout), so the caller can count down. */
    retryAfterSeconds: z.number().int().positive().optional(),
  });
}

export function responseSchema<R extends z.ZodType, C extends z.ZodType<string>>(result: R, code: C) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), result }),
    z.strictObject({ ok: z.literal(false), error: rpcErrorSchema(code) }),
  ]);
}

export interface RequestSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
  /**
   * Whether a timed-out request may be sent again. False for requests that create something on the
   * other side (a transport, a producer), where a late first answer would leave a duplicate behind.
   */
  readonly retryOnTimeout: boolean;
}

export type RequestSpecs = Readonly<Record<string, RequestSpec>>;

export interface Protocol {
  /** The socket.io namespace the protocol lives on. */
  readonly namespace: string;
  readonly errorCode: z.ZodType<string>;
  /** Client to server, answered. */
  readonly requests: RequestSpecs;
  /** Server to client, answered by the client. */
  readonly serverRequests: RequestSpecs;
  /** Server to client, not answered. */
  readonly events: Readonly<Record<string, z.ZodType>>;
}

export function defineProtocol<const P extends Protocol>(protocol: P): P {
  return protocol;
}

export type RequestName<S extends RequestSpecs> = keyof S & string;
/** What a caller passes: defaults may be left out. */
export type RequestOf<S extends RequestSpecs, N extends keyof S> = z.input<S[N]['request']>;
/** What a handler receives, after validation. */
export type ValidRequestOf<S extends RequestSpecs, N extends keyof S> = z.output<S[N]['request']>;
/** What a handler returns, before validation. */
export type ResultInputOf<S extends RequestSpecs, N extends keyof S> = z.input<S[N]['response']>;
/** What a caller receives, after validation. */
export type ResultOf<S extends RequestSpecs, N extends keyof S> = z.output<S[N]['response']>;
export type EventName<P extends Protocol> = keyof P['events'] & string;
export type EventOf<P extends Protocol, E extends keyof P['events']> = z.output<P['events'][E]>;
export type ErrorCodeOf<P extends Protocol> = z.output<P['errorCode']>;

export interface RpcError<Code extends string> {
  code: Code;
  message: string;
  retryAfterSeconds?: number | undefined;
}

export type RpcResult<T, Code extends string> = { ok: true; result: T } | { ok: false; error: RpcError<Code> };

/** Thrown by a handler to answer with a code of its protocol instead of `internal`. */
export class RpcFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'RpcFailure';
  }
}

/** The log both ends write refusals to: pino's call shape, which a console adapter can also meet. */
export interface RpcLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
  /** Where the answering side reports each request's handling time, when the log wants it. */
  debug?(details: object, message: string): void;
}
