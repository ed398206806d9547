// Many kiosks on one reference server: heartbeats at the real interval, outbox deliveries, and staff
// commands to random kiosks through the admin API. The server runs in its own process, so its CPU,
// memory and event loop are its own; the simulated kiosks share this one.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { z } from 'zod';
import { ingestedRecordCount } from '../server/test-support/inspect-database';
import { provisionFleet } from '../server/test-support/fleet';
import { heartbeatIntervalMs } from '../src/main/link/heartbeat';
import { serverToBenchSchema, type BenchToServer, type ServerProbe, type ServerToBench } from './fleet/probe';
import { startSimulatedKiosk, type FleetObserver, type SimulatedKiosk } from './fleet/simulated-kiosk';
import { median, percentile, round, type BenchmarkResult } from './result';

const optionsSchema = z.object({
  FLEET_KIOSKS: z.coerce.number().int().min(1).max(20_000).default(500),
  /** The measuring window, after every kiosk has connected. */
  FLEET_SECONDS: z.coerce.number().int().min(5).max(600).default(45),
  /** Staff commands sent per second, each to a kiosk picked at random; sent on time whatever the answers do. */
  FLEET_COMMANDS_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(10),
});
export type FleetOptions = z.infer<typeof optionsSchema>;

/** How long the kiosks have to connect; their starts are spread over one heartbeat interval. */
const connectGraceMs = 30_000;
/** The server answers a command within its own 10 s time-out; in-flight ones get that long at the end. */
const drainMs = 12_000;
const delayResolutionMs = 10;

export async function runFleetBenchmarks(
  options: FleetOptions = optionsSchema.parse(process.env),
): Promise<BenchmarkResult[]> {
  const progress = (message: string): void => void process.stderr.write(`bench: fleet: ${message}\n`);
  const dataDir = mkdtempSync(join(tmpdir(), 'visitation-fleet-'));
  const kiosks: SimulatedKiosk[] = [];
  let server: FleetServer | undefined;
  try {
    const identities = provisionFleet(dataDir, options.FLEET_KIOSKS);
    server = await startFleetServer(dataDir);
    const idle = await server.probe();

    const measured = newMeasurements();
    const clientLog = countingLog();
    const clientDelay = monitorEventLoopDelay({ resolution: delayResolutionMs });
    clientDelay.enable();
    const observer: FleetObserver = {
      heartbeatAnswered: (ms) => void (measured.on && measured.heartbeats.push(ms)),
      outboxDelivered: (ms, stored) => {
        measured.stored += stored;
        if (measured.on) measured.deliveries.push(ms);
      },
      outboxFailed: () => void (measured.on && (measured.deliveryFailures += 1)),
    };

    // A real fleet's kiosks were switched on at different times: their heartbeats are spread over
    // the interval, not all at once.
    progress(`starting ${options.FLEET_KIOSKS} kiosks over ${heartbeatIntervalMs / 1000} s`);
    const starts = identities.map(
      (identity) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            kiosks.push(startSimulatedKiosk(server!.url, identity, observer, clientLog.log));
            resolve();
          }, Math.random() * heartbeatIntervalMs),
        ),
    );
    await Promise.all(starts);
    const connectedAll = await Promise.race([
      Promise.all(kiosks.map((kiosk) => kiosk.ready)).then(() => true),
      sleep(connectGraceMs).then(() => false),
    ]);
    const connected = kiosks.filter((kiosk) => kiosk.connected).length;
    if (!connectedAll)
      progress(`only ${connected} of ${kiosks.length} kiosks connected within ${connectGraceMs / 1000} s`);

    await server.reset();
    clientDelay.reset();
    measured.on = true;
    const windowStarted = performance.now();
    progress(`measuring for ${options.FLEET_SECONDS} s, ${options.FLEET_COMMANDS_PER_SECOND} commands/s`);
    const commands = sendCommands(server, kiosks, options.FLEET_COMMANDS_PER_SECOND, measured);
    await sleep(options.FLEET_SECONDS * 1000);
    commands.stop();
    const loaded = await server.probe();
    measured.on = false;
    const windowSeconds = (performance.now() - windowStarted) / 1000;
    const clientDelayP99 = Math.max(0, clientDelay.percentile(99) / 1e6 - delayResolutionMs);
    const stillConnected = kiosks.filter((kiosk) => kiosk.connected).length;
    // Read before the kiosks close: closing logs every link as lost.
    const kioskWarnings = new Map(clientLog.counts);
    await Promise.race([commands.drained(), sleep(drainMs)]);

    for (const kiosk of kiosks.splice(0)) kiosk.close();
    await server.stop();
    const serverLog = levelCounts(server.logFile);
    const storedOnServer = ingestedRecordCount(dataDir);
    if (storedOnServer < measured.stored) {
      progress(`the kiosks were told ${measured.stored} records were stored; the server has ${storedOnServer}`);
    }
    for (const [message, count] of kioskWarnings) progress(`kiosk log: ${count} × ${message}`);
    progress(`server log: ${JSON.stringify(serverLog)}`);

    const n = options.FLEET_KIOSKS;
    const ms = (name: string, values: number[]): BenchmarkResult[] => [
      { name: `${name}.p50`, value: round(median(values)), unit: 'ms' },
      { name: `${name}.p99`, value: round(percentile(values, 99)), unit: 'ms' },
      { name: `${name}.max`, value: round(Math.max(...values)), unit: 'ms' },
    ];
    return [
      { name: 'fleet.kiosks', value: n, unit: 'kiosks' },
      { name: 'fleet.kiosks_connected', value: stillConnected, unit: 'kiosks' },
      { name: 'fleet.window_s', value: round(windowSeconds), unit: 's' },
      { name: 'fleet.commands', value: measured.commands.length + measured.commandFailures, unit: 'commands' },
      { name: 'fleet.command_failures', value: measured.commandFailures, unit: 'commands' },
      ...ms('fleet.command_ack_ms', measured.commands),
      { name: 'fleet.heartbeats', value: measured.heartbeats.length, unit: 'answers' },
      // A kiosk whose beat was not answered logs it; so does one that lost its link.
      { name: 'fleet.heartbeats_unanswered', value: kioskWarnings.get('heartbeat not answered') ?? 0, unit: 'beats' },
      ...ms('fleet.heartbeat_answer_ms', measured.heartbeats),
      { name: 'fleet.outbox_deliveries', value: measured.deliveries.length, unit: 'batches' },
      { name: 'fleet.outbox_delivery_failures', value: measured.deliveryFailures, unit: 'batches' },
      ...ms('fleet.outbox_delivery_ms', measured.deliveries),
      // More on the server than acknowledged is fine (a delivery cut short by the end); fewer is a loss.
      { name: 'fleet.outbox_records_lost', value: Math.max(0, measured.stored - storedOnServer), unit: 'records' },
      { name: 'fleet.disconnects', value: kioskWarnings.get('control channel lost') ?? 0, unit: 'times' },
      { name: 'fleet.server_cpu_percent', value: round(loaded.cpuPercent), unit: '% of a core' },
      { name: 'fleet.server_event_loop_delay_ms.p99', value: round(loaded.eventLoopDelayMs.p99), unit: 'ms' },
      { name: 'fleet.server_event_loop_delay_ms.max', value: round(loaded.eventLoopDelayMs.max), unit: 'ms' },
      { name: 'fleet.server_rss_mb', value: round(loaded.rssBytes / 2 ** 20), unit: 'MiB' },
      { name: 'fleet.memory_per_kiosk_kb', value: round((loaded.rssBytes - idle.rssBytes) / 1024 / n), unit: 'KiB' },
      {
        name: 'fleet.heap_per_kiosk_kb',
        value: round((loaded.heapUsedBytes - idle.heapUsedBytes) / 1024 / n),
        unit: 'KiB',
      },
      { name: 'fleet.server_open_fds', value: loaded.openFileDescriptors, unit: 'fds' },
      { name: 'fleet.server_log_warnings', value: serverLog.warn + serverLog.error, unit: 'lines' },
      { name: 'fleet.bench_event_loop_delay_ms.p99', value: round(clientDelayP99), unit: 'ms' },
      { name: 'fleet.machine_load_1m', value: round(loadavg()[0] ?? 0, 2), unit: 'runnable' },
    ];
  } finally {
    for (const kiosk of kiosks) kiosk.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Measurements {
  on: boolean;
  commands: number[];
  commandFailures: number;
  heartbeats: number[];
  deliveries: number[];
  deliveryFailures: number;
  /** Records the server acknowledged as stored, in the window or not. */
  stored: number;
}

function newMeasurements(): Measurements {
  return {
    on: false,
    commands: [],
    commandFailures: 0,
    heartbeats: [],
    deliveries: [],
    deliveryFailures: 0,
    stored: 0,
  };
}

/** Open loop: commands go out on a fixed schedule, so a slow server meets more of them, not fewer. */
function sendCommands(
  server: FleetServer,
  kiosks: readonly SimulatedKiosk[],
  perSecond: number,
  measured: Measurements,
): { stop(): void; drained(): Promise<void> } {
  const inFlight = new Set<Promise<void>>();
  const send = async (): Promise<void> => {
    const kiosk = kiosks[Math.floor(Math.random() * kiosks.length)];
    if (kiosk === undefined) return;
    const id = randomUUID();
    const sentAt = performance.now();
    try {
      const response = await fetch(`${server.url}/api/admin/kiosks/${kiosk.kioskId}/commands`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.adminToken}` },
        body: JSON.stringify({ type: 'show_message', id, text: 'Count time in 5 minutes: please finish up.' }),
      });
      const ack = (await response.json()) as { id?: unknown; status?: unknown };
      if (response.status === 200 && ack.id === id && ack.status === 'accepted') {
        measured.commands.push(performance.now() - sentAt);
      } else {
        measured.commandFailures += 1;
      }
    } catch {
      measured.commandFailures += 1;
    }
  };
  const timer = setInterval(() => {
    const sent = send();
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  }, 1000 / perSecond);
  return {
    stop: () => clearInterval(timer),
    drained: async () => void (await Promise.all(inFlight)),
  };
}

interface FleetServer {
  readonly url: string;
  readonly adminToken: string;
  readonly logFile: string;
  reset(): Promise<void>;
  probe(): Promise<ServerProbe>;
  /** Stops it cleanly (SIGKILL if it takes longer than 10 s); safe to call twice. */
  stop(): Promise<void>;
}

async function startFleetServer(dataDir: string): Promise<FleetServer> {
  const adminToken = `fleet-${randomUUID()}`;
  const logFile = join(dataDir, 'server.log');
  const logFd = openSync(logFile, 'a');
  const child: ChildProcess = fork('out/bench/fleet-server.js', {
    execArgv: ['--expose-gc'],
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

/** The simulated kiosks' shared log: warnings and errors counted by message, nothing printed. */
function countingLog(): { log: pino.Logger; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const log = pino(
    { level: 'warn' },
    {
      write: (line: string) => {
        const message = z.object({ msg: z.string() }).safeParse(JSON.parse(line));
        const key = message.success ? message.data.msg : line.slice(0, 100);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      },
    },
  );
  return { log, counts };
}

/** The server log's lines by level, as evidence of what the load did to it. */
function levelCounts(file: string): { info: number; warn: number; error: number } {
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
