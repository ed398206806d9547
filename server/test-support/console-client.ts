import { io } from 'socket.io-client';
import { consoleProtocol, consoleSignInPath } from '../../src/shared/protocol/console';
import { createRpcClient, type RpcClient } from '../../src/shared/protocol/rpc-client';
import { staffSessionSchema } from '../../src/shared/protocol/staff';
import { quietLog } from './clients';

export interface ConsoleClient {
  rpc: RpcClient<typeof consoleProtocol>;
  close(): void;
}

/** The officer console as a program uses it: signed in over HTTP, then its socket. */
export async function signedInConsole(
  serverUrl: string,
  staff: { staffNumber: string; pin: string },
  timeoutMs = 25_000,
): Promise<ConsoleClient> {
  const answer = await fetch(`${serverUrl}${consoleSignInPath}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ staffNumber: staff.staffNumber, pin: staff.pin }),
  });
  if (!answer.ok) throw new Error(`console sign-in refused: ${answer.status}`);
  const session = staffSessionSchema.parse(await answer.json());
  const socket = io(`${serverUrl}${consoleProtocol.namespace}`, {
    auth: { session: session.token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return { rpc: createRpcClient(socket, consoleProtocol, quietLog, { timeoutMs }), close: () => socket.close() };
}
