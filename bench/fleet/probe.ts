import { z } from 'zod';

/**
 * What the fleet benchmark and its server process say to each other over Node's IPC channel.
 * The server measures itself (CPU, memory, event loop) so the figures are its own, not the
 * simulated kiosks' that share the machine.
 */
export const benchToServerSchema = z.discriminatedUnion('type', [
  /** Starts a measuring window: CPU time and the event-loop histogram count from here. */
  z.strictObject({ type: z.literal('reset') }),
  /** Asks for the figures since the last reset, after a full garbage collection. */
  z.strictObject({ type: z.literal('probe') }),
  z.strictObject({ type: z.literal('stop') }),
]);
export type BenchToServer = z.infer<typeof benchToServerSchema>;

export const serverProbeSchema = z.strictObject({
  /** Of one core, over the window: 100 is one core busy all the time. */
  cpuPercent: z.number().nonnegative(),
  /**
   * The event-loop thread's time on a CPU and waiting for one (Linux schedstat), as shares of the
   * window: a loop that lags while waiting tells a starved machine from a busy server.
   */
  loopThread: z.strictObject({ onCpuPercent: z.number(), runQueueWaitPercent: z.number() }).nullable(),
  rssBytes: z.number().int().nonnegative(),
  heapUsedBytes: z.number().int().nonnegative(),
  /** Beyond the sampling timer's own interval. */
  eventLoopDelayMs: z.strictObject({ p50: z.number(), p99: z.number(), max: z.number() }),
  openFileDescriptors: z.number().int().nonnegative(),
  /** The process's soft limit (`ulimit -n`): one descriptor per connected kiosk counts against it. */
  fileDescriptorLimit: z.number().int().nonnegative().nullable(),
  kiosksConnected: z.number().int().nonnegative(),
});
export type ServerProbe = z.infer<typeof serverProbeSchema>;

export const serverToBenchSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), url: z.url() }),
  z.strictObject({ type: z.literal('reset'), done: z.literal(true) }),
  z.strictObject({ type: z.literal('probe'), probe: serverProbeSchema }),
]);
export type ServerToBench = z.infer<typeof serverToBenchSchema>;
