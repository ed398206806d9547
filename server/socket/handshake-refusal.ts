import type { HandshakeError, HandshakeErrorCode } from '../../src/shared/protocol/handshake';

/** The error a namespace middleware passes to `next`: socket.io sends `message` and `data` to the client. */
export function handshakeRefusal(
  code: HandshakeErrorCode,
  message: string,
  retryAfterSeconds?: number,
): Error & { data: HandshakeError } {
  return Object.assign(new Error(code), {
    data: { code, message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
  });
}
