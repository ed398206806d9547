import { availableParallelism } from 'node:os';
import { createWorker, type types as ms } from 'mediasoup';
import type { Logger } from '../log';

export const maxDefaultWorkers = 2;

export interface WorkerPoolOptions {
  /** Defaults to one per core, up to `maxDefaultWorkers`. */
  count: number | undefined;
  minPort: number;
  maxPort: number;
  log: Logger;
}

const restartDelaysMs = [200, 1000, 5000, 30_000];

/**
 * The mediasoup workers, each a child process. A worker that dies is logged and started again in
 * its slot; the routers it held are gone, and their rooms find out through the router's
 * `workerclose` event (see `Rooms`).
 */
export class WorkerPool {
  readonly #slots: (ms.Worker | undefined)[];
  readonly #options: WorkerPoolOptions;
  #next = 0;
  #closed = false;
  readonly #timers = new Set<NodeJS.Timeout>();

  private constructor(options: WorkerPoolOptions, workers: ms.Worker[]) {
    this.#options = options;
    this.#slots = workers;
    workers.forEach((worker, slot) => this.#watch(worker, slot));
  }

  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const count = options.count ?? Math.min(availableParallelism(), maxDefaultWorkers);
    const workers: ms.Worker[] = [];
    try {
      for (let slot = 0; slot < count; slot++) workers.push(await spawn(options));
    } catch (error) {
      for (const worker of workers) worker.close();
      throw error;
    }
    options.log.info({ workers: count }, 'mediasoup workers started');
    return new WorkerPool(options, workers);
  }

  /** A live worker, round robin; throws when none is (all died and are restarting). */
  pick(): ms.Worker {
    for (let tried = 0; tried < this.#slots.length; tried++) {
      const worker = this.#slots[this.#next];
      this.#next = (this.#next + 1) % this.#slots.length;
      if (worker !== undefined && !worker.closed) return worker;
    }
    throw new Error('no mediasoup worker is alive');
  }

  stats(): { alive: number; total: number } {
    return {
      alive: this.#slots.filter((worker) => worker !== undefined && !worker.closed).length,
      total: this.#slots.length,
    };
  }

  /** The live workers' process ids, for fault tests that kill one. */
  pids(): number[] {
    return this.#slots.flatMap((worker) => (worker === undefined || worker.closed ? [] : [worker.pid]));
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    for (const worker of this.#slots) worker?.close();
  }

  #watch(worker: ms.Worker, slot: number): void {
    worker.on('died', (error) => {
      this.#options.log.error({ err: error, pid: worker.pid, slot }, 'mediasoup worker died; starting another');
      this.#slots[slot] = undefined;
      this.#restart(slot, 0);
    });
  }

  #restart(slot: number, attempt: number): void {
    if (this.#closed) return;
    const delay = restartDelaysMs[Math.min(attempt, restartDelaysMs.length - 1)] as number;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      spawn(this.#options).then(
        (worker) => {
          if (this.#closed) return worker.close();
          this.#slots[slot] = worker;
          this.#watch(worker, slot);
          this.#options.log.info({ pid: worker.pid, slot }, 'mediasoup worker restarted');
        },
        (error: unknown) => {
          this.#options.log.error({ err: error, slot, attempt }, 'mediasoup worker failed to start');
          this.#restart(slot, attempt + 1);
        },
      );
    }, delay);
    this.#timers.add(timer);
  }
}

function spawn(options: WorkerPoolOptions): Promise<ms.Worker> {
  return createWorker({ logLevel: 'warn', rtcMinPort: options.minPort, rtcMaxPort: options.maxPort });
}
