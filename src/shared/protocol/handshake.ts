import { z } from 'zod';

/**
 * Why the server refused a socket's handshake. socket.io hands the client an Error whose `message`
 * is the code and whose `data` is this object.
 */
export const handshakeErrorCodeSchema = z.enum([
  'invalid_request',
  'unauthenticated',
  'visit_not_open',
  'visit_over',
  /** Too many refused visitor codes from this address; `retryAfterSeconds` says when to try again. */
  'too_many_attempts',
  'internal',
]);
export type HandshakeErrorCode = z.infer<typeof handshakeErrorCodeSchema>;

export const handshakeErrorSchema = z.strictObject({
  code: handshakeErrorCodeSchema,
  message: z.string().max(500),
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type HandshakeError = z.infer<typeof handshakeErrorSchema>;

/** Reads a `connect_error`; undefined when the error is not a refusal (the network failed instead). */
export function readHandshakeError(error: unknown): HandshakeError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const parsed = handshakeErrorSchema.safeParse((error as { data?: unknown }).data);
  return parsed.success ? parsed.data : undefined;
}
