import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { onTestFinished } from 'vitest';
import type { Logger } from '../../../src/main/log/logger';
import { openStore, type Store } from '../../../src/main/store/store';
import type { Timer } from '../../../src/main/store/timer';

export const silentLog: Logger = pino({ level: 'silent' });

/** A fresh folder, removed when the test that asked for it finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-store-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Lets promise chains and zero-delay work run to completion. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/** A manual clock and timer: time moves only when a test advances it. */
export class FakeClock implements Timer {
  time = Date.parse('2026-11-22T08:00:00.000Z');
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  readonly now = (): number => this.time;

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId;
    this.nextId += 1;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** When the earliest timer fires, relative to now; undefined when none is set. */
  nextTimerIn(): number | undefined {
    const times = [...this.timers.values()].map((timer) => timer.at);
    return times.length === 0 ? undefined : Math.min(...times) - this.time;
  }

  /** Moves time forward, firing due timers in order and letting their async work settle. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await flush();
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= target)
        .sort(([, a], [, b]) => a.at - b.at)[0];
      if (due === undefined) break;
      const [id, timer] = due;
      this.timers.delete(id);
      this.time = Math.max(this.time, timer.at);
      timer.callback();
      await flush();
    }
    this.time = target;
  }
}

/**
 * A real store in a fresh folder, for services created outside any one test (a suite's `describe`);
 * the folder lives in the system's temporary directory until it is cleaned.
 */
export function scratchStore(): Store {
  return openStore({ dir: mkdtempSync(join(tmpdir(), 'kiosk-store-')), log: silentLog });
}
