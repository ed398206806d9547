import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  latestSchemaVersion,
  readSchemaVersion,
  readStoreFloor,
  type Migration,
} from '../../../src/main/store/migrations';
import { storeFileName } from '../../../src/main/store/store';
import {
  decideUpdate,
  defaultUpdatePolicy,
  initialUpdateState,
  type KeptVersion,
  type UpdateState,
} from '../../../src/main/updates/update-machine';
import { nodeBuild } from '../../../vite.node-build';

/**
 * The store's migrations across real builds of the kiosk's main: the preview host's entry point
 * built by Vite as `npm run build` builds it, four times, each a kiosk version whose store schema
 * differs only by migrations a build-time `define` adds past the shipped ones. Each runs as its own
 * Node process against one SQLite file, in the order an update and its rollbacks would.
 */
const shipped = latestSchemaVersion;
const additive = (version: number, table: string, by: string): Migration => ({
  version,
  sql: `
    CREATE TABLE ${table} (id INTEGER PRIMARY KEY, migrated_by TEXT NOT NULL) STRICT;
    INSERT INTO ${table} (migrated_by) VALUES ('${by}');
    ALTER TABLE outbox ADD COLUMN ${table}_tag TEXT NOT NULL DEFAULT '${by}';
  `,
});
// Versions older than this one cannot read what it changed: it raises the store's floor.
const breaking: Migration = {
  ...additive(shipped + 2, 'breaking_change', '0.3.0'),
  breaking: true,
};
const kioskBuilds = {
  '0.1.0': [],
  '0.2.0': [additive(shipped + 1, 'added_in_020', '0.2.0')],
  '0.3.0': [additive(shipped + 1, 'added_in_020', '0.2.0'), breaking],
  '0.4.0': [additive(shipped + 1, 'added_in_020', '0.2.0'), breaking, additive(shipped + 3, 'added_in_040', '0.4.0')],
} satisfies Record<string, Migration[]>;
type KioskVersion = keyof typeof kioskBuilds;
const schemaOf = (version: KioskVersion): number => shipped + kioskBuilds[version].length;

const servedAndStopped = { code: 0, signal: null, served: 'attract' };
const root = resolve(import.meta.dirname, '../../..');
let work: string;
let dataDir: string;

/** One build of main in its own folder, beside a package.json naming its version (the preview host reads it). */
async function buildKiosk(version: KioskVersion): Promise<void> {
  const dir = join(work, version);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ productName: 'Visitation Kiosk', version, type: 'module' }),
  );
  // The preview host serves the renderer's page with main's snapshot in it; the bundle plays no part here.
  mkdirSync(join(dir, 'out/renderer'), { recursive: true });
  writeFileSync(join(dir, 'out/renderer/index.html'), '<!doctype html><html><head></head><body></body></html>');
  // Packages stay external, as in every build of main: they load from the checkout's node_modules.
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const config = nodeBuild(join(dir, 'out/main'), { preview: join(root, 'src/main/preview/index.ts') });
  await build({
    ...config,
    root,
    configFile: false,
    logLevel: 'error',
    build: { ...config.build, sourcemap: false },
    ...(kioskBuilds[version].length === 0
      ? {}
      : { define: { __KIOSK_TEST_MIGRATIONS__: JSON.stringify(kioskBuilds[version]) } }),
  });
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The screen in the snapshot its HTTP server put in the kiosk's page, once it said it was listening. */
  served?: string;
  stderr: string;
}

/**
 * Starts one build on the shared data folder and stops it (SIGTERM, as systemd or `npm start` do)
 * once it serves its page; a build that refuses the store exits by itself.
 */
function runKiosk(version: KioskVersion): Promise<Run> {
  const child = spawn(process.execPath, [join(work, version, 'out/main/preview.js')], {
    env: {
      PATH: process.env['PATH'],
      KIOSK_DATA_DIR: dataDir,
      KIOSK_PREVIEW_PORT: '0',
      KIOSK_UNPROVISIONED: 'unavailable',
      KIOSK_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let served: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const url = /open (http:\/\/\S+)/.exec(chunk.toString())?.[1];
    if (url === undefined) return;
    void fetch(url)
      .then((response) => response.text())
      .then((page) => (served = /"screen":"(\w+)"/.exec(page)?.[1] ?? 'no snapshot'))
      .catch((error: unknown) => (served = `unreachable: ${String(error)}`))
      .finally(() => child.kill('SIGTERM'));
  });
  return new Promise((done) =>
    child.once('exit', (code, signal) => done({ code, signal, stderr, ...(served === undefined ? {} : { served }) })),
  );
}

function withStore<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, storeFileName));
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A visit the kiosk stopped during: the next start (no server to give it back) closes its ledger. */
function interruptedVisit(visitId: string): void {
  withStore((db) =>
    db
      .prepare(
        `INSERT INTO visit_ledger (visit_id, connected_seconds, disconnected_seconds, drops, final, updated_at)
         VALUES (?, 120, 0, '[]', 0, ?)`,
      )
      .run(visitId, Date.now()),
  );
}

/** What the build that ran did with the visit: closed its ledger, and queued it for the server. */
function closedAndQueued(visitId: string): { final: number | undefined; queued: number } {
  return withStore((db) => ({
    final: (
      db.prepare('SELECT final FROM visit_ledger WHERE visit_id = ?').get(visitId) as { final: number } | undefined
    )?.final,
    queued: (
      db
        .prepare(
          "SELECT count(*) AS n FROM outbox WHERE type = 'visit.ledger' AND json_extract(payload, '$.visitId') = ?",
        )
        .get(visitId) as { n: number }
    ).n,
  }));
}

const schema = () => withStore((db) => ({ version: readSchemaVersion(db), floor: readStoreFloor(db) }));
const rowsOf = (table: string) =>
  withStore((db) => (db.prepare(`SELECT migrated_by FROM ${table}`).all() as Array<{ migrated_by: string }>).length);

/** The update service's decision once `failing` has not reached the attract screen within the trial bound. */
function afterFailedTrial(failing: KioskVersion, kept: KioskVersion[]) {
  const state: UpdateState = {
    ...initialUpdateState(failing),
    phase: { kind: 'trial', version: failing, from: kept.at(-2) ?? failing, since: 0, starts: 1 },
    kept: kept.map((version): KeptVersion => ({ version, schemaVersion: schemaOf(version) })),
    // What the new version found when it started: the store's floor, from the real file.
    storeFloor: schema().floor,
  };
  const idle = { visit: false, staffSession: false, inmateSession: false, attractSince: null, localHour: 12 };
  return decideUpdate(state, idle, defaultUpdatePolicy.trialBoundMs + 1, defaultUpdatePolicy);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kiosk-builds-'));
  dataDir = join(work, 'data');
  for (const version of Object.keys(kioskBuilds) as KioskVersion[]) await buildKiosk(version);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('one store across real builds of main', () => {
  it('migrates forward once, stays usable by older builds while additive, and refuses them clearly past a breaking one', async () => {
    expect(await runKiosk('0.1.0')).toEqual({ ...servedAndStopped, stderr: '' });
    expect(schema()).toEqual({ version: shipped, floor: 1 });

    // The update: 0.2.0 migrates the store forward, once however often it starts.
    interruptedVisit('v-1');
    expect(await runKiosk('0.2.0')).toMatchObject(servedAndStopped);
    expect(await runKiosk('0.2.0')).toMatchObject(servedAndStopped);
    expect(schema()).toEqual({ version: shipped + 1, floor: 1 });
    expect(rowsOf('added_in_020')).toBe(1);
    expect(closedAndQueued('v-1')).toEqual({ final: 1, queued: 1 });

    // Rolled back to 0.1.0: the additive migration is no obstacle. It opens the store, closes the
    // interrupted visit and queues it (the outbox's new column takes its default), and leaves the
    // newer schema as it found it.
    interruptedVisit('v-2');
    const rolledBack = await runKiosk('0.1.0');
    expect(rolledBack).toMatchObject(servedAndStopped);
    expect(rolledBack.stderr).not.toMatch(/StoreVersionError/);
    expect(closedAndQueued('v-2')).toEqual({ final: 1, queued: 1 });
    expect(schema()).toEqual({ version: shipped + 1, floor: 1 });
    expect(rowsOf('added_in_020')).toBe(1);

    // 0.3.0's migration is breaking: the store's floor rises to it.
    expect(await runKiosk('0.3.0')).toMatchObject(servedAndStopped);
    expect(schema()).toEqual({ version: shipped + 2, floor: shipped + 2 });
    expect(rowsOf('added_in_020')).toBe(1);

    // Older builds refuse it, say why, and touch nothing: the visit stays as the kiosk left it.
    interruptedVisit('v-3');
    for (const older of ['0.1.0', '0.2.0'] as const) {
      const refused = await runKiosk(older);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `StoreVersionError: the kiosk store has schema version ${shipped + 2}, but this kiosk software knows ` +
          `versions up to ${schemaOf(older)} and the store needs one that knows version ${shipped + 2}`,
      );
    }
    expect(closedAndQueued('v-3')).toEqual({ final: 0, queued: 0 });
    expect(schema()).toEqual({ version: shipped + 2, floor: shipped + 2 });
    // So a failing 0.3.0 has no version to roll back to: the kiosk stays on it, and says so.
    expect(afterFailedTrial('0.3.0', ['0.1.0', '0.2.0', '0.3.0'])).toEqual({ do: 'stay', outcome: 'failed_start' });

    // 0.4.0 adds to 0.3.0's schema; when it fails, the rollback picks 0.3.0, the newest build at or above
    // the floor, never 0.2.0 or 0.1.0, and 0.3.0 opens the store 0.4.0 migrated and carries on.
    expect(await runKiosk('0.4.0')).toMatchObject(servedAndStopped);
    expect(schema()).toEqual({ version: shipped + 3, floor: shipped + 2 });
    expect(afterFailedTrial('0.4.0', ['0.1.0', '0.2.0', '0.3.0', '0.4.0'])).toEqual({
      do: 'rollback',
      to: '0.3.0',
      outcome: 'failed_start',
    });
    expect(closedAndQueued('v-3')).toEqual({ final: 1, queued: 1 });
    interruptedVisit('v-4');
    expect(await runKiosk('0.3.0')).toMatchObject(servedAndStopped);
    expect(closedAndQueued('v-4')).toEqual({ final: 1, queued: 1 });
    expect(schema()).toEqual({ version: shipped + 3, floor: shipped + 2 });
    expect([rowsOf('added_in_020'), rowsOf('breaking_change'), rowsOf('added_in_040')]).toEqual([1, 1, 1]);
  }, 60_000);
});
