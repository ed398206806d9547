import { io, type Socket } from 'socket.io-client';
import { controlProtocol, type ControlProtocol } from '../../shared/protocol/control';
import { readHandshakeError } from '../../shared/protocol/handshake';
import { createRpcClient, type RpcClient } from '../../shared/protocol/rpc-client';
import type { Logger } from '../log/logger';

export interface ControlLink {
  readonly serverUrl: string;
  readonly rpc: RpcClient<ControlProtocol>;
  readonly connected: boolean;
  /** Calls back on every (re)connection, e.g. to deliver the outbox's backlog at once. */
  onConnect(listener: () => void): () => void;
  close(): void;
}

/**
 * The kiosk's control channel: main's own socket.io connection to its server, authenticated by the
 * kiosk token and reconnecting by itself with jittered backoff. It lives in main so heartbeats,
 * commands and deliveries go on while the renderer is down.
 */
export function openControlLink(serverUrl: string, token: string, log: Logger): ControlLink {
  const socket: Socket = io(new URL(controlProtocol.namespace, serverUrl).toString(), {
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  });
  socket.on('connect', () => log.info('control channel connected'));
  socket.on('disconnect', (reason) => log.warn({ reason }, 'control channel lost'));
  socket.on('connect_error', (error) => {
    const refusal = readHandshakeError(error);
    if (refusal === undefined) {
      log.warn({ reason: error.message }, 'control channel cannot reach the server');
      return;
    }
    log.error({ code: refusal.code, reason: refusal.message }, 'server refused the control channel');
  });

  return {
    serverUrl,
    rpc: createRpcClient(socket, controlProtocol, log),
    get connected() {
      return socket.connected;
    },
    onConnect: (listener) => {
      socket.on('connect', listener);
      return () => void socket.off('connect', listener);
    },
    close: () => void socket.close(),
  };
}
