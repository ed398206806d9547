import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, storeFileName } from '../../../src/main/store/store';
import { silentLog, tempDir } from './helpers';

const hooks = fileURLToPath(new URL('../../../scripts/ts-hooks.mjs', import.meta.url));
const childScript = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

const kills = 200;
// Independent databases killed in parallel, one per core: the children's start-up is what takes time.
const lanes = Math.min(4, Math.max(2, availableParallelism()));
const killsPerLane = Math.ceil(kills / lanes);

interface Life {
  acked: number[];
  /** Killed before the child had opened the store: while loading, opening or migrating. */
  killedStarting: boolean;
}

/** Runs the child once and SIGKILLs it at a random moment; resolves with what it acknowledged. */
function liveAndDie(dir: string): Promise<Life> {
  return new Promise((resolve, reject) => {
    // The same Node as the tests (22), which better-sqlite3 needs.
    const child = spawn(process.execPath, ['--import', hooks, childScript, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let ready = false;
    let pending = '';
    let stderr = '';
    const kill = () => child.kill('SIGKILL');
    // Mostly mid-enqueue; now and then at any moment from launch, often while the store opens.
    const anyMoment = Math.random() < 0.25;
    let timer = anyMoment ? setTimeout(kill, Math.random() * 250) : undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ready')) {
          ready = true;
          if (!anyMoment) timer = setTimeout(kill, Math.random() * 40);
        } else {
          acked.push(Number(line));
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve({ acked, killedStarting: !ready });
      else reject(new Error(`the child ended by itself (code ${code}): ${stderr}`));
    });
  });
}

async function runLane(dir: string) {
  const acked: number[] = [];
  let killedStarting = 0;
  for (let kill = 0; kill < killsPerLane; kill += 1) {
    const life = await liveAndDie(dir);
    acked.push(...life.acked);
    if (life.killedStarting) killedStarting += 1;
  }
  return { dir, acked, killedStarting };
}

function numbersIn(dir: string): { numbers: number[]; integrity: unknown } {
  // Opening it replays the WAL the last kill left behind.
  const db = new Database(join(dir, storeFileName));
  const integrity = db.pragma('integrity_check', { simple: true });
  const numbers = db
    .prepare("SELECT json_extract(payload, '$.detail.n') AS n FROM outbox ORDER BY seq")
    .all()
    .map((row) => (row as { n: number }).n);
  db.close();
  return { numbers, integrity };
}

describe('crash safety', () => {
  it(`keeps every acknowledged record exactly once through ${kills} or more SIGKILLs`, async () => {
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: lanes }, () => runLane(tempDir())));

    let acked = 0;
    let lost = 0;
    let duplicates = 0;
    let killedStarting = 0;
    for (const lane of results) {
      const { numbers, integrity } = numbersIn(lane.dir);
      expect(integrity).toBe('ok');
      const stored = new Set(numbers);
      duplicates += numbers.length - stored.size;
      duplicates += lane.acked.length - new Set(lane.acked).size;
      lost += lane.acked.filter((n) => !stored.has(n)).length;
      acked += lane.acked.length;
      killedStarting += lane.killedStarting;
      // Numbering resumed from the database each time, so the stored numbers run without gaps.
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));

      const store = openStore({ dir: lane.dir, log: silentLog });
      expect(store.health().recoveredFromCorruption).toBeNull();
      store.close();
    }

    const killed = lanes * killsPerLane;
    console.info(
      `crash test: ${killed} SIGKILLs survived (${killedStarting} while starting), ${acked} records acknowledged, ` +
        `lost ${lost}, duplicates ${duplicates}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(acked).toBeGreaterThan(killed);
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
  }, 120_000);
});
