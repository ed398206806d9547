import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openControlLink, type ControlLink } from '../../../src/main/link/control-link';
import { resolveServerIdentity } from '../../../src/main/link/provisioning';
import type { Logger } from '../../../src/main/log/logger';
import { openStore, type Store } from '../../../src/main/store/store';
import { demo } from '../../../server/demo/seed';
import { silentLog } from '../store/helpers';
import { linkConnected } from './link-support';

export interface LogEntry {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A logger that keeps what it is given, so a test can check what the kiosk told its technicians. */
export function capturingLog(): { log: Logger; entries: LogEntry[]; messages: () => string[] } {
  const entries: LogEntry[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) });
  return { log, entries, messages: () => entries.map((entry) => entry.msg) };
}

/** A URL where nothing listens: the port of a server that was just closed. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

export interface EnrolledStore {
  store: Store;
  serverUrl: string;
  token: string;
  kioskId: string;
  /** Closes the store and removes its folder. */
  close(): void;
}

/** A kiosk store enrolled with the server, its token kept in the store's config as in the field. */
export async function enrolledStore(serverUrl: string, log: Logger = silentLog): Promise<EnrolledStore> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-link-'));
  const store = openStore({ dir, log });
  const identity = await resolveServerIdentity(store.config, { serverUrl, enrolmentCode: demo.enrolmentCode }, log);
  const kioskId = store.config.get('kioskId');
  if (identity === undefined || kioskId === undefined) throw new Error('enrolment failed');
  return {
    store,
    ...identity,
    kioskId,
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ConnectedKiosk extends EnrolledStore {
  link: ControlLink;
}

/** An enrolled kiosk with its control channel connected; `close` closes the channel too. */
export async function connectedKiosk(serverUrl: string, log: Logger = silentLog): Promise<ConnectedKiosk> {
  const enrolled = await enrolledStore(serverUrl, log);
  const link = openControlLink(enrolled.serverUrl, enrolled.token, log);
  await linkConnected(link);
  return {
    ...enrolled,
    link,
    close: () => {
      link.close();
      enrolled.close();
    },
  };
}
