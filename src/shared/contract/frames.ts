import { z } from 'zod';

/** Codes a caller can act on; messages are for people and logs. */
export const contractErrorCodeSchema = z.enum([
  'invalid_frame',
  'unknown_channel',
  'invalid_payload',
  'invalid_response',
  'untrusted_sender',
  'handler_failed',
  'transport_closed',
  'timeout',
]);
export type ContractErrorCode = z.infer<typeof contractErrorCodeSchema>;

export const contractErrorSchema = z.strictObject({
  code: contractErrorCodeSchema,
  message: z.string(),
});
export type ContractFailure = z.infer<typeof contractErrorSchema>;

const frameId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const channelName = z.string().min(1).max(100);

export const requestFrameSchema = z.strictObject({
  type: z.literal('request'),
  id: frameId,
  channel: channelName,
  payload: z.unknown(),
});
export type RequestFrame = z.infer<typeof requestFrameSchema>;

export const responseFrameSchema = z.discriminatedUnion('ok', [
  z.strictObject({ type: z.literal('response'), id: frameId, ok: z.literal(true), result: z.unknown() }),
  z.strictObject({
    type: z.literal('response'),
    /** Null when the request was too malformed to carry a usable id. */
    id: frameId.nullable(),
    ok: z.literal(false),
    error: contractErrorSchema,
  }),
]);
export type ResponseFrame = z.infer<typeof responseFrameSchema>;

export const eventFrameSchema = z.strictObject({
  type: z.literal('event'),
  event: channelName,
  payload: z.unknown(),
});
export type EventFrame = z.infer<typeof eventFrameSchema>;

/** Frames main may send to a renderer over a stream transport (the preview host's WebSocket). */
export const mainToRendererFrameSchema = z.discriminatedUnion('type', [
  ...responseFrameSchema.options,
  eventFrameSchema,
]);

/** Thrown by handlers (and the client) to answer with a code rather than a generic failure. */
export class ContractError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContractError';
  }
}
