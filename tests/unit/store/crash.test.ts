import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openControlLink } from '../../../src/main/link/control-link';
import { resolveServerIdentity } from '../../../src/main/link/provisioning';
import { OutboxDelivery } from '../../../src/main/store/outbox-delivery';
import { openStore, storeFileName } from '../../../src/main/store/store';
import { systemTimer } from '../../../src/main/store/timer';
import { demo } from '../../../server/demo/seed';
import { ingestedRecords } from '../../../server/test-support/inspect-database';
import { startTestServer } from '../../../server/test-support/test-server';
import { sendOutboxOverLink } from '../../../src/main/link/outbox-sender';
import { silentLog, tempDir } from './helpers';

const hooks = fileURLToPath(new URL('../../../scripts/ts-hooks.mjs', import.meta.url));
const childScript = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

const kills = 200;
// Independent kiosks killed in parallel, one per core: the children's start-up is what takes time.
const lanes = Math.min(4, Math.max(2, availableParallelism()));
const killsPerLane = Math.ceil(kills / lanes);
/** Some 45 s on an idle machine with two cores; the margin is for a busy one. */
const timeoutMs = 180_000;

/**
 * When a life ends: at any moment from launch (often while the store opens or the channel connects),
 * in the middle of enqueuing, or just after a delivery batch went out, before or after the server
 * stored it, so the next life has to deliver it again.
 */
type KillMoment = 'any' | 'enqueuing' | 'delivering';

interface Life {
  acked: number[];
  /** Killed before the child had opened the store: while loading, opening or migrating. */
  killedStarting: boolean;
  /** Killed with a delivery batch sent and not yet answered. */
  killedDelivering: boolean;
  /** Records the server acknowledged as already stored: an earlier life's batch, delivered again. */
  redelivered: number;
}

function killMoment(): KillMoment {
  const roll = Math.random();
  return roll < 0.2 ? 'any' : roll < 0.5 ? 'enqueuing' : 'delivering';
}

/** Runs the child once and SIGKILLs it at a random moment; resolves with what it reported. */
function liveAndDie(dir: string): Promise<Life> {
  return new Promise((resolve, reject) => {
    // The same Node as the tests (22), which better-sqlite3 needs.
    const child = spawn(process.execPath, ['--import', hooks, childScript, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const moment = killMoment();
    const life: Life = { acked: [], killedStarting: true, killedDelivering: false, redelivered: 0 };
    let connected = false;
    let armed = false;
    let pending = '';
    let stderr = '';
    const kill = () => child.kill('SIGKILL');
    let timer = moment === 'any' ? setTimeout(kill, Math.random() * 400) : undefined;
    const killSoon = (withinMs: number) => {
      clearTimeout(timer);
      timer = setTimeout(kill, Math.random() * withinMs);
    };
    const read = (line: string) => {
      const [word, ...figures] = line.split(' ');
      switch (word) {
        case 'ready':
          life.killedStarting = false;
          if (moment === 'enqueuing') killSoon(40);
          // Should the channel never come up, the life still ends.
          if (moment === 'delivering') killSoon(3000);
          break;
        case 'connected':
          connected = true;
          break;
        case 'sending':
          life.killedDelivering = connected;
          // The server answers within a few milliseconds on loopback: the kill lands either side of it.
          if (moment === 'delivering' && connected && !armed) {
            armed = true;
            killSoon(4);
          }
          break;
        case 'sent':
          life.killedDelivering = false;
          life.redelivered += Number(figures[1]);
          break;
        case 'failed':
          life.killedDelivering = false;
          break;
        default:
          life.acked.push(Number(word));
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(read);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(life);
      else reject(new Error(`the child ended by itself (code ${code}): ${stderr}`));
    });
  });
}

async function runLane(dir: string) {
  const acked: number[] = [];
  let killedStarting = 0;
  let killedDelivering = 0;
  let redelivered = 0;
  for (let kill = 0; kill < killsPerLane; kill += 1) {
    const life = await liveAndDie(dir);
    acked.push(...life.acked);
    if (life.killedStarting) killedStarting += 1;
    if (life.killedDelivering) killedDelivering += 1;
    redelivered += life.redelivered;
  }
  return { dir, acked, killedStarting, killedDelivering, redelivered };
}

/** Enrols a fresh kiosk with the server; its token is kept in the kiosk's store, as in the field. */
async function enrolledKiosk(serverUrl: string): Promise<string> {
  const dir = tempDir();
  const store = openStore({ dir, log: silentLog });
  const identity = await resolveServerIdentity(
    store.config,
    { serverUrl, enrolmentCode: demo.enrolmentCode },
    silentLog,
  );
  store.close();
  if (identity === undefined) throw new Error('enrolment failed');
  return dir;
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

/** After the last kill the kiosk starts once more and delivers what is left; returns its ID and redeliveries. */
async function deliverTheRest(dir: string): Promise<{ kioskId: string; redelivered: number }> {
  const store = openStore({ dir, log: silentLog });
  try {
    expect(store.health().recoveredFromCorruption).toBeNull();
    const identity = await resolveServerIdentity(
      store.config,
      { serverUrl: undefined, enrolmentCode: undefined },
      silentLog,
    );
    const kioskId = store.config.get('kioskId');
    if (identity === undefined || kioskId === undefined) throw new Error('the kiosk lost its enrolment');
    const link = openControlLink(identity.serverUrl, identity.token, silentLog);
    const send = sendOutboxOverLink(link);
    let redelivered = 0;
    const delivery = new OutboxDelivery({
      outbox: store.outbox,
      send: async (records) => {
        const acks = await send(records);
        redelivered += acks.filter((ack) => ack.status === 'duplicate').length;
        return acks;
      },
      now: Date.now,
      timer: systemTimer,
      log: silentLog,
    });
    link.onConnect(() => delivery.kick());
    delivery.start();
    await expect.poll(() => store.outbox.status().pending, { timeout: 20_000, interval: 50 }).toBe(0);
    await delivery.stop();
    link.close();
    return { kioskId, redelivered };
  } finally {
    store.close();
  }
}

function numbersOnServer(dataDir: string, kioskId: string): number[] {
  return ingestedRecords(dataDir, kioskId).map((record) => (record.payload as { detail: { n: number } }).detail.n);
}

describe('crash safety', () => {
  it(
    `keeps every acknowledged record, and delivers it exactly once, through ${kills} or more SIGKILLs`,
    async () => {
      const started = Date.now();
      const server = await startTestServer();
      try {
        const dirs = await Promise.all(Array.from({ length: lanes }, () => enrolledKiosk(server.url)));
        const results = await Promise.all(dirs.map(runLane));

        let acked = 0;
        let lost = 0;
        let duplicates = 0;
        let killedStarting = 0;
        let killedDelivering = 0;
        let redelivered = 0;
        for (const lane of results) {
          const { numbers, integrity } = numbersIn(lane.dir);
          expect(integrity).toBe('ok');
          // Numbering resumed from the database each time, so the stored numbers run without gaps.
          expect(numbers).toEqual(numbers.map((_, index) => index + 1));
          const rest = await deliverTheRest(lane.dir);

          const onServer = numbersOnServer(server.dataDir, rest.kioskId);
          const held = new Set(onServer);
          duplicates += onServer.length - held.size;
          duplicates += lane.acked.length - new Set(lane.acked).size;
          lost += lane.acked.filter((n) => !held.has(n)).length;
          // Everything the kiosk holds reached the server once, in the order it was created.
          expect(onServer).toEqual(numbers);
          acked += lane.acked.length;
          killedStarting += lane.killedStarting;
          killedDelivering += lane.killedDelivering;
          redelivered += lane.redelivered + rest.redelivered;
        }

        const killed = lanes * killsPerLane;
        console.info(
          `crash test: ${killed} SIGKILLs survived (${killedStarting} while starting, ${killedDelivering} with a ` +
            `delivery in flight), ${acked} records acknowledged, ${redelivered} redelivered and answered as ` +
            `duplicates, lost ${lost}, duplicates on the server ${duplicates}, ` +
            `${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        expect(acked).toBeGreaterThan(killed);
        expect(killedDelivering).toBeGreaterThan(0);
        expect(redelivered).toBeGreaterThan(0);
        expect(lost).toBe(0);
        expect(duplicates).toBe(0);
      } finally {
        await server.dispose();
      }
    },
    timeoutMs,
  );
});
