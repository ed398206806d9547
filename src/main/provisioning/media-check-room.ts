import { io } from 'socket.io-client';
import { controlProtocol, type ControlProtocol } from '../../shared/protocol/control';
import type { ErrorCodeOf, LocalErrorCode, ResultOf, RpcResult } from '../../shared/protocol/rpc';
import { readHandshakeError } from '../../shared/protocol/handshake';
import { createRpcClient } from '../../shared/protocol/rpc-client';
import type { Logger } from '../log/logger';

/** What the check step needs from the server: the echo room's ticket, or why there is none. */
export type MediaCheckRoom =
  | { ok: true; checkId: string; ticket: string; closesAt: string }
  | { ok: false; reason: 'unreachable' | 'server_refused' };

/** `mediaCheck.open`'s answer as the check needs it: a lost answer is an unreachable server, any other refusal the server's. */
export function roomFrom(
  answer: RpcResult<
    ResultOf<ControlProtocol['requests'], 'mediaCheck.open'>,
    ErrorCodeOf<ControlProtocol> | LocalErrorCode
  >,
  log: Logger,
): MediaCheckRoom {
  if (answer.ok) return { ok: true, ...answer.result };
  log.warn({ code: answer.error.code }, 'the server did not open a media check');
  const lost = answer.error.code === 'timeout' || answer.error.code === 'disconnected';
  return { ok: false, reason: lost ? 'unreachable' : 'server_refused' };
}

/** A technician is waiting: one bounded try, no reconnecting. */
export const mediaCheckOpenTimeoutMs = 10_000;

/**
 * Asks the server for a media check over a control channel of its own, authenticated by the
 * kiosk's token as the link in service is: during setup no link runs, and this one lives for one
 * request only.
 */
export function openMediaCheckRoom(
  serverUrl: string,
  token: string,
  log: Logger,
  timeoutMs = mediaCheckOpenTimeoutMs,
): Promise<MediaCheckRoom> {
  const socket = io(new URL(controlProtocol.namespace, serverUrl).toString(), {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  });
  const rpc = createRpcClient(socket, controlProtocol, log, { timeoutMs, retries: 0 });
  return new Promise<MediaCheckRoom>((resolve) => {
    const finish = (answer: MediaCheckRoom): void => {
      clearTimeout(timer);
      socket.close();
      resolve(answer);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'unreachable' }), timeoutMs);
    socket.once('connect_error', (error) => {
      const refusal = readHandshakeError(error);
      log.warn({ code: refusal?.code ?? null, reason: error.message }, 'setup: media check channel refused');
      finish({ ok: false, reason: refusal === undefined ? 'unreachable' : 'server_refused' });
    });
    socket.once('connect', () => {
      void rpc.request('mediaCheck.open', {}).then((answer) => finish(roomFrom(answer, log)));
    });
  });
}
