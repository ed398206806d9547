import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrol } from '../../../server/test-support/clients';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { databaseFileName } from '../../../server/store/database';
import type { EnrolResponse } from '../../../src/shared/protocol/http';
import { feedFileOf } from '../../../src/shared/protocol/updates';
import { fetchOfferedFeed, updateUrl, type FeedSource } from '../../../src/main/updates/feed-client';
import { rolloutBucket } from '../../../src/main/updates/rollout';
import { downloadVerified, UpdateVerifyError } from '../../../src/main/updates/throttled-download';
import { defaultUpdatePolicy, type KioskActivity } from '../../../src/main/updates/update-machine';
import { UpdateService, type UpdateInstaller } from '../../../src/main/updates/update-service';
import { loadUpdateState } from '../../../src/main/updates/update-state-file';
import { silentLog } from '../store/helpers';
import { publish } from './publish';

let server: TestServer;
let feedDir: string;
let bEast: EnrolResponse;
let bWest: EnrolResponse;

const source = (kiosk: EnrolResponse): FeedSource => ({ serverUrl: server.url, token: kiosk.token });

async function enrolIn(housingUnitId: string): Promise<EnrolResponse> {
  const response = await fetch(`${server.url}/api/admin/enrolment-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ housingUnitId, uses: 5 }),
  });
  const { code } = (await response.json()) as { code: string };
  return enrol(server.url, code);
}

async function setChannel(housingUnitId: string, channel: string): Promise<number> {
  const response = await fetch(`${server.url}/api/admin/housing-units/${housingUnitId}/update-channel`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel }),
  });
  return response.status;
}

function serverRows(sql: string): unknown[] {
  const db = new Database(join(server.dataDir, databaseFileName), { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  feedDir = mkdtempSync(join(tmpdir(), 'update-feed-'));
  server = await startTestServer({ updatesDir: feedDir });
  bEast = await enrolIn('b-east');
  bWest = await enrolIn('b-west');
});

afterAll(async () => {
  await server.dispose();
});

describe('the update feed', () => {
  it('answers only a kiosk token, and offers nothing when nothing is published', async () => {
    const anonymous = await fetch(updateUrl({ serverUrl: server.url, token: '' }, feedFileOf.stable));
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(updateUrl(source(bEast), feedFileOf.stable), {
      headers: { authorization: `Bearer ${'x'.repeat(43)}` },
    });
    expect(wrong.status).toBe(401);
    await expect(fetchOfferedFeed(source(bEast))).resolves.toBeNull();
  });

  it("gives each kiosk its unit's channel, whichever channel file it asks for", async () => {
    publish(feedDir, feedFileOf.stable, '1.1.0');
    publish(feedDir, feedFileOf.pilot, '1.2.0-pilot.1');
    expect(await setChannel('b-west', 'pilot')).toBe(200);
    expect(await setChannel('no-such-unit', 'pilot')).toBe(404);
    expect(await setChannel('b-west', 'beta')).toBe(400);

    expect(await fetchOfferedFeed(source(bEast))).toMatchObject({ channel: 'stable', feed: { version: '1.1.0' } });
    expect(await fetchOfferedFeed(source(bWest))).toMatchObject({
      channel: 'pilot',
      feed: { version: '1.2.0-pilot.1' },
    });
    const asked = await fetch(updateUrl(source(bEast), feedFileOf.pilot), {
      headers: { authorization: `Bearer ${bEast.token}` },
    });
    expect(await asked.text()).toContain('version: 1.1.0');
    // A file of the other channel's release is not this kiosk's to fetch.
    const other = await fetch(updateUrl(source(bEast), 'visitation-kiosk-1.2.0-pilot.1.AppImage'), {
      headers: { authorization: `Bearer ${bEast.token}` },
    });
    expect(other.status).toBe(404);
  });

  it('serves byte ranges of the offered file and refuses one past its end', async () => {
    const release = publish(feedDir, feedFileOf.stable, '1.1.1');
    const url = updateUrl(source(bEast), release.file);
    const auth = { authorization: `Bearer ${bEast.token}` };
    const part = await fetch(url, { headers: { ...auth, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${release.bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(release.bytes.subarray(100, 200));
    const tail = await fetch(url, { headers: { ...auth, range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(release.bytes.subarray(-10));
    const past = await fetch(url, { headers: { ...auth, range: `bytes=${release.bytes.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${release.bytes.length}`);
  });
});

describe('the throttled downloader', () => {
  it('holds the bandwidth bound, verifies SHA-512 and resumes a partial file', async () => {
    const release = publish(feedDir, feedFileOf.stable, '1.1.2', { size: 384 * 1024 });
    const dir = mkdtempSync(join(tmpdir(), 'update-dl-'));
    const bytesPerSecond = 256 * 1024;
    const request = {
      url: updateUrl(source(bEast), release.file),
      token: bEast.token,
      dest: join(dir, release.file),
      size: release.bytes.length,
      sha512: release.sha512,
      bytesPerSecond,
    };
    const whole = await downloadVerified(request);
    expect(readFileSync(whole.path)).toEqual(release.bytes);
    // Slower is possible on a loaded machine; faster than the bound is not.
    expect(whole.ms).toBeGreaterThanOrEqual((release.bytes.length / bytesPerSecond) * 1000 * 0.95);

    const half = release.bytes.length / 2;
    const again = join(dir, 'again.AppImage');
    writeFileSync(`${again}.part`, release.bytes.subarray(0, half));
    const resumed = await downloadVerified({ ...request, dest: again });
    expect(resumed).toMatchObject({ resumedFrom: half, fetched: release.bytes.length - half });
    expect(readFileSync(again)).toEqual(release.bytes);
  });

  it('refuses a corrupted file and keeps nothing of it', async () => {
    const genuine = publish(feedDir, feedFileOf.stable, '1.1.3');
    // The feed vouches for other bytes than the file holds: a corrupted or tampered upload.
    const release = publish(feedDir, feedFileOf.stable, '1.1.3', { claimedSha512: genuine.sha512 });
    const dir = mkdtempSync(join(tmpdir(), 'update-dl-'));
    const dest = join(dir, release.file);
    const attempt = downloadVerified({
      url: updateUrl(source(bEast), release.file),
      token: bEast.token,
      dest,
      size: release.bytes.length,
      sha512: genuine.sha512,
      bytesPerSecond: 10 * 1024 * 1024,
    });
    await expect(attempt).rejects.toEqual(new UpdateVerifyError('checksum_mismatch'));
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });
});

/** A kiosk's update service, with an installer that records what it was asked and "restarts" on demand. */
function kiosk(enrolled: EnrolResponse, running: string) {
  const dir = mkdtempSync(join(tmpdir(), 'update-kiosk-'));
  const statePath = join(dir, 'update-state.json');
  const clock = { now: Date.parse('2026-12-03T12:00:00Z') };
  const activity: KioskActivity = {
    visit: false,
    staffSession: false,
    inmateSession: false,
    attractSince: null,
    localHour: 12,
  };
  const calls: string[] = [];
  const installer: UpdateInstaller = {
    install: (_path, version) => {
      calls.push(`install ${version}`);
      return Promise.resolve();
    },
    rollBack: (to) => {
      calls.push(`rollback ${to}`);
      return Promise.resolve();
    },
  };
  const open = (version: string) =>
    new UpdateService({
      state: loadUpdateState(statePath, version, silentLog),
      statePath,
      source: () => source(enrolled),
      kioskId: enrolled.kioskId,
      downloadsDir: dir,
      bytesPerSecond: 8 * 1024 * 1024,
      policy: defaultUpdatePolicy,
      installer,
      activity: () => activity,
      now: () => clock.now,
      newId: randomUUID,
      log: silentLog,
    });
  const service = open(running);
  return { service, open, clock, activity, calls };
}

describe('update decisions against the feed', () => {
  it('takes a version only when this kiosk is inside its staged rollout', async () => {
    const k = kiosk(bEast, '1.0.0');
    await k.service.started('1.0.0', 3, 1);
    const bucket = rolloutBucket(bEast.kioskId, '1.3.0');
    publish(feedDir, feedFileOf.stable, '1.3.0', { stagingPercentage: Math.floor(bucket) });
    expect(await k.service.step()).toEqual({ do: 'check' });
    expect(k.service.status()).toEqual({ phase: 'idle', target: null, lastError: null });

    publish(feedDir, feedFileOf.stable, '1.3.0', { stagingPercentage: Math.min(100, bucket + 0.5) });
    k.clock.now += defaultUpdatePolicy.checkEveryMs;
    await k.service.step();
    expect(k.service.status()).toEqual({ phase: 'downloading', target: '1.3.0', lastError: null });
  });

  it('downloads in the background, never installs during a visit, installs when idle on the attract screen, and reports a healthy start', async () => {
    const release = publish(feedDir, feedFileOf.stable, '1.4.0');
    const k = kiosk(bEast, '1.0.0');
    await k.service.started('1.0.0', 3, 1);
    await k.service.step(); // check
    await k.service.step(); // download
    expect(k.service.status()).toEqual({ phase: 'ready', target: '1.4.0', lastError: null });
    expect(readFileSync(join(k.service.state.phase.kind === 'ready' ? k.service.state.phase.path : ''))).toEqual(
      release.bytes,
    );

    Object.assign(k.activity, { visit: true, attractSince: null, localHour: defaultUpdatePolicy.installHour });
    expect(await k.service.step()).toEqual({ do: 'wait' });
    Object.assign(k.activity, { visit: false, staffSession: true, attractSince: k.clock.now - 3_600_000 });
    expect(await k.service.step()).toEqual({ do: 'wait' });
    Object.assign(k.activity, { staffSession: false, localHour: 12, attractSince: k.clock.now - 60_000 });
    expect(await k.service.step()).toEqual({ do: 'wait' });
    k.clock.now += defaultUpdatePolicy.idleBeforeInstallMs;
    expect(await k.service.step()).toMatchObject({ do: 'install', version: '1.4.0' });
    expect(k.calls).toEqual(['install 1.4.0']);

    const restarted = k.open('1.4.0');
    await restarted.started('1.4.0', 3, 1);
    expect(restarted.status()).toEqual({ phase: 'trial', target: '1.4.0', lastError: null });
    await restarted.healthy();
    await restarted.step();
    expect(restarted.state.unsent).toEqual([]);
    expect(
      serverRows(`SELECT version, outcome FROM update_reports WHERE kiosk_id = '${bEast.kioskId}'`),
    ).toContainEqual({
      version: '1.4.0',
      outcome: 'installed',
    });
  });

  it('rolls back a version that does not become healthy within the bound, and the server stops offering it to that kiosk', async () => {
    publish(feedDir, feedFileOf.pilot, '1.5.0-pilot.1');
    const k = kiosk(bWest, '1.0.0');
    await k.service.started('1.0.0', 3, 1);
    await k.service.step();
    await k.service.step();
    k.activity.attractSince = k.clock.now - defaultUpdatePolicy.idleBeforeInstallMs;
    await k.service.step();
    const trial = k.open('1.5.0-pilot.1');
    await trial.started('1.5.0-pilot.1', 3, 1);
    expect(await trial.step()).toEqual({ do: 'wait' });
    k.clock.now += defaultUpdatePolicy.trialBoundMs + 1;
    expect(await trial.step()).toEqual({ do: 'rollback', to: '1.0.0', outcome: 'failed_start' });
    expect(k.calls).toEqual(['install 1.5.0-pilot.1', 'rollback 1.0.0']);

    expect(serverRows(`SELECT outcome, running FROM update_reports WHERE version = '1.5.0-pilot.1'`)).toEqual([
      { outcome: 'failed_start', running: '1.0.0' },
    ]);
    await expect(fetchOfferedFeed(source(bWest))).resolves.toBeNull();
    // One kiosk failing to start is not yet the version's fault: another kiosk is still offered it.
    const neighbour = await enrolIn('b-west');
    expect(await fetchOfferedFeed(source(neighbour))).toMatchObject({ feed: { version: '1.5.0-pilot.1' } });

    const back = k.open('1.0.0');
    await back.started('1.0.0', 3, 1);
    expect(back.status()).toEqual({ phase: 'idle', target: null, lastError: 'failed_start' });
  });

  it('marks a version that crashes repeatedly bad for the whole fleet', async () => {
    publish(feedDir, feedFileOf.stable, '1.6.0');
    const k = kiosk(bEast, '1.4.0');
    await k.service.started('1.4.0', 3, 1);
    await k.service.step();
    await k.service.step();
    k.activity.attractSince = k.clock.now - defaultUpdatePolicy.idleBeforeInstallMs;
    await k.service.step();
    let crashing = k.open('1.6.0');
    for (let start = 0; start <= defaultUpdatePolicy.maxTrialStarts; start += 1) {
      crashing = k.open('1.6.0');
      await crashing.started('1.6.0', 3, 1);
    }
    expect(await crashing.step()).toEqual({ do: 'rollback', to: '1.4.0', outcome: 'crashed_repeatedly' });
    expect(serverRows("SELECT version, reason FROM bad_versions WHERE version = '1.6.0'")).toEqual([
      { version: '1.6.0', reason: 'crashed_repeatedly' },
    ]);
    const another = await enrolIn('b-east');
    await expect(fetchOfferedFeed(source(another))).resolves.toBeNull();
  });
});
