// The reference server as the fleet benchmark runs it: its own process, so its CPU, memory and
// event loop are measured apart from the simulated kiosks, with a probe on the IPC channel.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createLogger } from '../../server/log';
import { startServer } from '../../server/start-server';
import { benchToServerSchema, type ServerProbe, type ServerToBench } from './probe';

const dataDir = process.env['FLEET_DATA_DIR'];
const adminToken = process.env['FLEET_ADMIN_TOKEN'];
if (process.send === undefined || dataDir === undefined || adminToken === undefined) {
  throw new Error('run by the fleet benchmark: needs an IPC channel, FLEET_DATA_DIR and FLEET_ADMIN_TOKEN');
}
const send = (message: ServerToBench): void => void process.send?.(message);

// Info level, as a facility would run it: the log's cost is part of the server's.
const log = createLogger('info');
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  adminToken,
  log,
  media: { workers: 1 },
  visitorDir: join(process.cwd(), 'out/server/visitor'),
});

const delayResolutionMs = 10;
const delay = monitorEventLoopDelay({ resolution: delayResolutionMs });
delay.enable();
let window = { cpu: process.cpuUsage(), schedule: loopSchedule(), at: performance.now() };

/** Nanoseconds the main thread ran and waited to run (`/proc/<pid>/schedstat`); undefined off Linux. */
function loopSchedule(): { runNs: number; waitNs: number } | undefined {
  try {
    const [runNs, waitNs] = readFileSync('/proc/self/schedstat', 'utf8').trim().split(/\s+/).map(Number);
    return runNs === undefined || waitNs === undefined ? undefined : { runNs, waitNs };
  } catch {
    return undefined;
  }
}

/** The histogram records each timer's whole interval; the loop's lag is what exceeds the resolution. */
const lagMs = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - delayResolutionMs);

function probe(): ServerProbe {
  const cpu = process.cpuUsage(window.cpu);
  const elapsedMs = performance.now() - window.at;
  const schedule = loopSchedule();
  const started = window.schedule;
  // Started with --expose-gc: memory is read after a full collection, so it is what is kept, not garbage.
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return {
    cpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
    loopThread:
      schedule === undefined || started === undefined
        ? null
        : {
            onCpuPercent: ((schedule.runNs - started.runNs) / 1e6 / elapsedMs) * 100,
            runQueueWaitPercent: ((schedule.waitNs - started.waitNs) / 1e6 / elapsedMs) * 100,
          },
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    eventLoopDelayMs: {
      p50: lagMs(delay.percentile(50)),
      p99: lagMs(delay.percentile(99)),
      max: lagMs(delay.max),
    },
    openFileDescriptors: readdirSync('/proc/self/fd').length,
    fileDescriptorLimit: fileDescriptorLimit(),
    kiosksConnected: server.kioskLinks.connectedCount(),
  };
}

function fileDescriptorLimit(): number | null {
  const soft = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
  return soft === undefined ? null : Number(soft);
}

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error({ err: error }, 'unclean stop');
      process.exit(1);
    },
  );
};

process.on('message', (raw) => {
  const message = benchToServerSchema.safeParse(raw);
  if (!message.success) {
    log.error('fleet probe: refused a malformed message from the benchmark');
    return;
  }
  switch (message.data.type) {
    case 'reset':
      delay.reset();
      window = { cpu: process.cpuUsage(), schedule: loopSchedule(), at: performance.now() };
      send({ type: 'reset', done: true });
      return;
    case 'probe':
      send({ type: 'probe', probe: probe() });
      return;
    case 'stop':
      stop();
  }
});
// The benchmark went away (finished, crashed, interrupted): nothing is left running.
process.on('disconnect', stop);
send({ type: 'ready', url: server.url });
