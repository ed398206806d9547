// Many kiosks on one reference server: heartbeats at the real interval, outbox deliveries, and staff
// commands to random kiosks through the admin API. The server runs in its own process, so its CPU,
// memory and event loop are its own; the simulated kiosks share this one.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { z } from 'zod';
import { ingestedRecordCount } from '../server/test-support/inspect-database';
import { provisionFleet } from '../server/test-support/fleet';
import { heartbeatIntervalMs } from '../src/main/link/heartbeat';
import { machineCpuPressureUs } from './fleet/machine';
import { levelCounts, startFleetServer, type FleetServer } from './fleet/server-handle';
import { sendStaffCommands } from './fleet/staff-commands';
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
    const connectMs: number[] = [];
    const starts = identities.map(
      (identity) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            const startedAt = performance.now();
            const kiosk = startSimulatedKiosk(server!.url, identity, observer, clientLog.log);
            void kiosk.ready.then(() => connectMs.push(performance.now() - startedAt));
            kiosks.push(kiosk);
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
    const clientCpu = process.cpuUsage();
    const pressureAtStart = machineCpuPressureUs();
    progress(`measuring for ${options.FLEET_SECONDS} s, ${options.FLEET_COMMANDS_PER_SECOND} commands/s`);
    const commands = sendStaffCommands(server, kiosks, options.FLEET_COMMANDS_PER_SECOND);
    await sleep(options.FLEET_SECONDS * 1000);
    commands.stop();
    const loaded = await server.probe();
    measured.on = false;
    const windowSeconds = (performance.now() - windowStarted) / 1000;
    const used = process.cpuUsage(clientCpu);
    const clientCpuPercent = ((used.user + used.system) / 1e6 / windowSeconds) * 100;
    const pressureAtEnd = machineCpuPressureUs();
    const machinePressurePercent =
      pressureAtStart === undefined || pressureAtEnd === undefined
        ? Number.NaN
        : ((pressureAtEnd - pressureAtStart) / 1e6 / windowSeconds) * 100;
    const clientDelayP99 = Math.max(0, clientDelay.percentile(99) / 1e6 - delayResolutionMs);
    const stillConnected = kiosks.filter((kiosk) => kiosk.connected).length;
    // Read before the kiosks close: closing logs every link as lost.
    const kioskWarnings = new Map(clientLog.counts);
    const warned = (message: string): number =>
      [...kioskWarnings].reduce((sum, [key, count]) => sum + (key.startsWith(message) ? count : 0), 0);
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
      { name: `${name}.max`, value: round(percentile(values, 100)), unit: 'ms' },
    ];
    return [
      { name: 'fleet.kiosks', value: n, unit: 'kiosks' },
      { name: 'fleet.kiosks_connected', value: stillConnected, unit: 'kiosks' },
      ...ms('fleet.connect_ms', connectMs),
      { name: 'fleet.window_s', value: round(windowSeconds), unit: 's' },
      { name: 'fleet.commands', value: commands.acknowledgedMs.length + commands.failures, unit: 'commands' },
      { name: 'fleet.command_failures', value: commands.failures, unit: 'commands' },
      ...ms('fleet.command_ack_ms', [...commands.acknowledgedMs]),
      { name: 'fleet.heartbeats', value: measured.heartbeats.length, unit: 'answers' },
      // A kiosk whose beat was not answered logs it; so does one that lost its link.
      { name: 'fleet.heartbeats_unanswered', value: warned('heartbeat not answered'), unit: 'beats' },
      ...ms('fleet.heartbeat_answer_ms', measured.heartbeats),
      { name: 'fleet.outbox_deliveries', value: measured.deliveries.length, unit: 'batches' },
      { name: 'fleet.outbox_delivery_failures', value: measured.deliveryFailures, unit: 'batches' },
      ...ms('fleet.outbox_delivery_ms', measured.deliveries),
      // More on the server than acknowledged is fine (a delivery cut short by the end); fewer is a loss.
      { name: 'fleet.outbox_records_lost', value: Math.max(0, measured.stored - storedOnServer), unit: 'records' },
      { name: 'fleet.disconnects', value: warned('control channel lost'), unit: 'times' },
      { name: 'fleet.server_cpu_percent', value: round(loaded.cpuPercent), unit: '% of a core' },
      {
        name: 'fleet.server_loop_on_cpu_percent',
        value: round(loaded.loopThread?.onCpuPercent ?? Number.NaN),
        unit: '%',
      },
      {
        name: 'fleet.server_loop_runqueue_wait_percent',
        value: round(loaded.loopThread?.runQueueWaitPercent ?? Number.NaN),
        unit: '%',
      },
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
      { name: 'fleet.server_fd_limit', value: loaded.fileDescriptorLimit ?? Number.NaN, unit: 'fds' },
      { name: 'fleet.server_log_warnings', value: serverLog.warn + serverLog.error, unit: 'lines' },
      // The simulated kiosks share the machine: when these are high, the bench is what is slow.
      { name: 'fleet.bench_cpu_percent', value: round(clientCpuPercent), unit: '% of a core' },
      { name: 'fleet.bench_event_loop_delay_ms.p99', value: round(clientDelayP99), unit: 'ms' },
      { name: 'fleet.machine_load_1m', value: round(loadavg()[0] ?? 0, 2), unit: 'runnable' },
      // Linux PSI: the share of the window in which some runnable task waited for a CPU.
      { name: 'fleet.machine_cpu_pressure_percent', value: round(machinePressurePercent), unit: '%' },
    ];
  } finally {
    for (const kiosk of kiosks) kiosk.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Measurements {
  on: boolean;
  heartbeats: number[];
  deliveries: number[];
  deliveryFailures: number;
  /** Records the server acknowledged as stored, in the window or not. */
  stored: number;
}

function newMeasurements(): Measurements {
  return {
    on: false,
    heartbeats: [],
    deliveries: [],
    deliveryFailures: 0,
    stored: 0,
  };
}

/** The simulated kiosks' shared log: warnings and errors counted by message, nothing printed. */
function countingLog(): { log: pino.Logger; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  const log = pino(
    { level: 'warn' },
    {
      write: (line: string) => {
        const entry = z.object({ msg: z.string(), reason: z.string().optional() }).safeParse(JSON.parse(line));
        const key = !entry.success
          ? line.slice(0, 100)
          : entry.data.reason === undefined
            ? entry.data.msg
            : `${entry.data.msg} (${entry.data.reason})`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      },
    },
  );
  return { log, counts };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
