import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { newLogDir } from './e2e-logs';
import { canCreateNamespaces, createNetworkNamespace, type NetworkNamespace, type SideDoor } from './network-namespace';

export { canCreateNamespaces as canRunFaultServer };

/**
 * The built reference server (`out/server/index.js`; run `npm run build` first) alone in a network
 * namespace, so a test can do to it what happens to a real one: kill it outright and start it again
 * on the same data and address, and cut the network between it and everything on this side (the
 * kiosk, its renderer, the visitor's browser) for real, then restore it.
 */
export interface FaultServer {
  /** `http://<inner IP>:<port>`: what the kiosk is provisioned with and browsers open. */
  readonly url: string;
  readonly innerIp: string;
  readonly adminToken: string;
  readonly enrolmentCode: string;
  readonly dataDir: string;
  /**
   * Chromium flags for a browser that opens the visitor page at `url`. That origin is plain HTTP on
   * a non-loopback address, so not a secure context, and `navigator.mediaDevices` does not exist
   * there; these flags make Chromium treat this one origin as secure. The kiosk's own page is served
   * from 127.0.0.1 (secure already) and needs none of this.
   */
  readonly chromiumArgs: readonly string[];
  /** The server's process while it runs. */
  readonly child: ChildProcess | undefined;
  /** Everything the server logged (pino JSON lines), across restarts. */
  logs(): Array<Record<string, unknown>>;
  visitorLink(code: string): string;
  /** The staff API, as `visitation.ts`'s `admin` but with any method. */
  admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response>;
  /** SIGKILL, and its media workers with it: no visit is ended, nothing is flushed. */
  kill(): Promise<void>;
  /** SIGTERM: the server ends open visits (`ended_by_server`) and stops. */
  stop(): Promise<void>;
  /** Starts it again on the same data folder, address and port. */
  restart(): Promise<void>;
  /** The link goes down: packets both ways are lost, not refused. */
  cut(): void;
  restore(): void;
  /** Both directions of the link limited to this rate (`NetworkNamespace.shape`). */
  shape(bitsPerSecond: number): void;
  unshape(): void;
  /** A namespace that reaches the server by a link of its own (`NetworkNamespace.openSideDoor`). */
  openSideDoor(): SideDoor;
  /** Stops the server if it runs, removes the namespace and the data folder. */
  dispose(): Promise<void>;
}

const adminToken = 'fault-admin-token-0123456789';
/** Short, so that a test can outlast a ticket in seconds rather than the default two minutes. */
export const faultTicketSeconds = 20;
/** The namespace has a network stack of its own, so a fixed port cannot clash with anything here. */
const port = 4000;

export interface FaultServerOptions {
  logLevel?: 'warn' | 'info' | 'debug';
}

export async function startFaultServer({ logLevel = 'info' }: FaultServerOptions = {}): Promise<FaultServer> {
  const namespace = createNetworkNamespace();
  const dataDir = mkdtempSync(join(tmpdir(), 'visitation-fault-'));
  const url = `http://${namespace.innerIp}:${port}`;
  let child: ChildProcess | undefined;
  let enrolmentCode = '';
  const logLines: string[] = [];
  // Across restarts, one file; the banner and anything else that is not a log record stays out.
  const logFile = join(newLogDir('server'), 'server.log');

  const start = async (): Promise<void> => {
    const started = await launch(
      namespace,
      {
        VISITATION_HOST: namespace.innerIp,
        VISITATION_PORT: String(port),
        VISITATION_MEDIA_LISTEN_IP: namespace.innerIp,
        VISITATION_DATA_DIR: dataDir,
        VISITATION_LOG_LEVEL: logLevel,
        VISITATION_ADMIN_TOKEN: adminToken,
        VISITATION_DEMO: '1',
        VISITATION_MEDIA_TICKET_SECONDS: String(faultTicketSeconds),
      },
      (line) => {
        logLines.push(line);
        if (line.startsWith('{')) appendFileSync(logFile, `${line}\n`);
      },
    );
    if (started.url !== url) throw new Error(`the server says it is at ${started.url}, not ${url}`);
    child = started.child;
    enrolmentCode = started.enrolmentCode;
  };

  const end = async (signal: 'SIGKILL' | 'SIGTERM'): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    // Read before it dies: orphaned workers would go on holding their ports and CPU.
    const workers = signal === 'SIGKILL' ? childPids(running.pid) : [];
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
    for (const pid of workers) killIfAlive(pid);
  };

  try {
    await start();
  } catch (error) {
    namespace.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    url,
    innerIp: namespace.innerIp,
    adminToken,
    get enrolmentCode() {
      return enrolmentCode;
    },
    dataDir,
    chromiumArgs: [`--unsafely-treat-insecure-origin-as-secure=${url}`],
    get child() {
      return child;
    },
    logs: () =>
      logLines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>),
    visitorLink: (code) => `${url}/visit/${code}`,
    admin: (method, path, body) =>
      fetch(`${url}/api/admin/${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    restart: async () => {
      await end('SIGTERM');
      await start();
    },
    cut: () => namespace.cut(),
    restore: () => namespace.restore(),
    shape: (bitsPerSecond) => namespace.shape(bitsPerSecond),
    unshape: () => namespace.unshape(),
    openSideDoor: () => namespace.openSideDoor(),
    dispose: async () => {
      // A server left running in a deleted namespace would outlive the test, unreachable.
      await end('SIGTERM');
      namespace.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Launched {
  child: ChildProcess;
  url: string;
  enrolmentCode: string;
}

/** Starts the server in the namespace (`ip netns exec` and `setpriv` exec it: the child is the server) and reads its banner. */
function launch(
  namespace: NetworkNamespace,
  env: Record<string, string>,
  onLine: (line: string) => void,
): Promise<Launched> {
  // `setpriv --pdeathsig` kills the server if this process dies first (a test runner killed at a
  // timeout): otherwise it would live on in its namespace, unreachable, holding its workers.
  const child = namespace.spawn('setpriv', ['--pdeathsig', 'KILL', process.execPath, 'out/server/index.js'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let enrolmentCode: string | undefined;
    createInterface({ input: child.stdout as Readable }).on('line', (line) => {
      onLine(line);
      url ??= /Visitation server at (\S+)/.exec(line)?.[1];
      enrolmentCode ??= /kiosk enrolment code (\S+)/.exec(line)?.[1];
      if (url !== undefined && enrolmentCode !== undefined) resolve({ child, url, enrolmentCode });
    });
    child.once('exit', (code) =>
      reject(new Error(`the reference server exited with ${code} before it was ready: ${stderr.slice(-2000)}`)),
    );
  });
}

function childPids(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Only a media worker still there: a pid that exited may have been given to something else. */
function killIfAlive(pid: number): void {
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('mediasoup-worker')) return;
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone: it noticed its parent's death by itself, as it normally does.
  }
}
