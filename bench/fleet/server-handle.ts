import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverToBenchSchema, type BenchToServer, type ServerProbe, type ServerToBench } from './probe';

/** The built reference server in a process of its own (`server-process.ts`), and its probe. */
export interface FleetServer {
  readonly url: string;
  readonly adminToken: string;
  readonly logFile: string;
  reset(): Promise<void>;
  probe(): Promise<ServerProbe>;
  /** Stops it cleanly (SIGKILL if it takes longer than 10 s); safe to call twice. */
  stop(): Promise<void>;
}

export async function startFleetServer(dataDir: string): Promise<FleetServer> {
  const adminToken = `fleet-${randomUUID()}`;
  const logFile = join(dataDir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const child: ChildProcess = fork('out/bench/fleet-server.js', {
    // FLEET_SERVER_CPU_PROF=<folder> keeps a V8 CPU profile of the server, to see where its time goes.
    execArgv: [
      '--expose-gc',
      ...(process.env['FLEET_SERVER_CPU_PROF'] === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env['FLEET_SERVER_CPU_PROF']}`]),
    ],
    env: { ...process.env, FLEET_DATA_DIR: dataDir, FLEET_ADMIN_TOKEN: adminToken },
    stdio: ['ignore', logFd, 'inherit', 'ipc'],
  });
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T extends ServerToBench['type']>(type: T): Promise<Extract<ServerToBench, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (raw: unknown): void => {
        const message = serverToBenchSchema.safeParse(raw);
        if (!message.success || message.data.type !== type) return;
        cleanup();
        resolve(message.data as Extract<ServerToBench, { type: T }>);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`the fleet's server exited (${code}) before answering ${type}; its log: ${logFile}`));
      };
      const cleanup = (): void => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = (message: BenchToServer): void => void child.send(message);

  const { url } = await next('ready');
  let stopping: Promise<void> | undefined;
  return {
    url,
    adminToken,
    logFile,
    reset: async () => {
      const done = next('reset');
      ask({ type: 'reset' });
      await done;
    },
    probe: async () => {
      const answer = next('probe');
      ask({ type: 'probe' });
      return (await answer).probe;
    },
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        ask({ type: 'stop' });
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      })();
      return stopping;
    },
  };
}

/** The server log's lines by level, as evidence of what the load did to it. */
export function levelCounts(file: string): { info: number; warn: number; error: number } {
  const counts = { info: 0, warn: 0, error: 0 };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const level = /"level":(\d+)/.exec(line)?.[1];
    if (level === undefined) continue;
    if (Number(level) >= 50) counts.error += 1;
    else if (Number(level) >= 40) counts.warn += 1;
    else counts.info += 1;
  }
  return counts;
}
