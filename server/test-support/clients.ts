import { io, type Socket } from 'socket.io-client';
import { controlProtocol } from '../../src/shared/protocol/control';
import type { KioskStatus } from '../../src/shared/protocol/kiosk-status';
import { enrolPath, enrolResponseSchema, type EnrolResponse } from '../../src/shared/protocol/http';
import { mediaProtocol, type MediaHandshakeAuth } from '../../src/shared/protocol/media';
import type { RpcLog } from '../../src/shared/protocol/rpc';
import { createRpcClient, type RpcClient } from '../../src/shared/protocol/rpc-client';
import { demo } from '../demo/seed';

export const quietLog: RpcLog = { warn: () => {}, error: () => {} };

/** A kiosk's heartbeat status while it shows its start screen. */
export const attractStatus: KioskStatus = {
  appVersion: '0.1.0',
  uptimeSeconds: 1,
  screen: 'attract',
  visitId: null,
  outboxPending: 0,
  devices: {},
  service: { state: 'in_service' },
  visitState: null,
};

export async function enrol(url: string, code: string = demo.enrolmentCode): Promise<EnrolResponse> {
  const response = await fetch(`${url}${enrolPath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  if (response.status !== 201) throw new Error(`enrolment failed: ${response.status}`);
  return enrolResponseSchema.parse(await response.json());
}

/** A connected socket, or the `connect_error` the server refused it with. */
export function connect(url: string, namespace: string, auth: object): Promise<Socket> {
  const socket = io(`${url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export interface KioskClient {
  socket: Socket;
  rpc: RpcClient<typeof controlProtocol>;
  kiosk: EnrolResponse;
}

export async function connectKiosk(url: string, kiosk?: EnrolResponse): Promise<KioskClient> {
  const enrolled = kiosk ?? (await enrol(url));
  const socket = await connect(url, controlProtocol.namespace, { token: enrolled.token });
  return { socket, rpc: createRpcClient(socket, controlProtocol, quietLog, { timeoutMs: 5000 }), kiosk: enrolled };
}

export interface MediaClient {
  socket: Socket;
  rpc: RpcClient<typeof mediaProtocol>;
}

export async function connectMedia(url: string, auth: MediaHandshakeAuth): Promise<MediaClient> {
  const socket = await connect(url, mediaProtocol.namespace, auth);
  return { socket, rpc: createRpcClient(socket, mediaProtocol, quietLog, { timeoutMs: 5000 }) };
}

/** Resolves with the next payload of an event, or rejects after a while. */
export function nextEvent<T>(socket: Socket, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}
