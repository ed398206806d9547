import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startServer, type RunningServer, type StartServerOptions } from '../start-server';
import { testPinHashCost } from './fixtures';

export interface TestServer extends RunningServer {
  readonly dataDir: string;
  /** Closes the server and removes its data folder. */
  dispose(): Promise<void>;
}

/** A real server on a free loopback port with its own SQLite file, one media worker and the demo data. */
export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'visitation-test-')));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    log: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    adminToken: 'test-admin-token-0123456789',
    demo: true,
    pinHashCost: testPinHashCost,
    ...options,
    dataDir,
    media: { workers: 1, ...options.media },
  });
  return {
    ...server,
    dataDir,
    dispose: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
