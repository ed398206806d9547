import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, type Locator, type Page } from '@playwright/test';
import { startReferenceServer } from '../../../scripts/reference-server.mjs';
import { forgetDemoVisits } from '../../../server/test-support/demo-template';
import { newLogDir } from './e2e-logs';
import { startPreviewHost, type PreviewProcess } from './preview-host';

export interface ReferenceServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** The server's data folder, for reading its database back (`server/test-support`). */
  readonly dataDir: string;
  visitorLink(code: string): string;
  /** Calls the server's admin API as staff would. */
  admin(path: string, body: unknown): Promise<Response>;
  /** Reads the server's admin API. */
  adminGet(path: string): Promise<Response>;
}

const adminToken = 'e2e-admin-token-0123456789';

export const demo = {
  inmate: { id: '100234', pin: '2468', displayName: 'Marcus R.' },
  /** The seed's reusable code for B-East. */
  enrolmentCode: 'DEMO-KIOSK-2468',
  visits: {
    now: { visitor: 'Angela R.', code: 'DEMO-0000-0001' },
    later: { visitor: 'Tom R.', code: 'DEMO-0000-0002' },
    legal: { visitor: 'Jordan B.', code: 'DEMO-0000-0003' },
  },
} as const;

/**
 * A real reference server (mediasoup and all) on a free port with a fresh database, and a preview
 * host enrolled with it, both as child processes started the way `npm start` starts them.
 */
export const test = base.extend<
  {
    server: ReferenceServer;
    kiosk: PreviewProcess;
    kioskEnv: Record<string, string>;
    serverEnv: Record<string, string>;
    closePagesOpenedOnTheBrowser: void;
  },
  { demoTemplate: string }
>({
  /**
   * A demo server's data folder, seeded once per worker: each test's server starts from a copy and
   * keeps its PIN hashes, where hashing them anew took 1.3 of its 1.9 s to start.
   */
  demoTemplate: [
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'visitation-e2e-template-'));
      const started = await startReferenceServer(serverEnvIn(dataDir), { echo: false });
      await stop(started.child);
      forgetDemoVisits(dataDir);
      await use(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  /** Extra environment for the kiosk, e.g. a short idle timeout; a spec sets it with `test.use`. */
  kioskEnv: [{}, { option: true }],
  /** Extra environment for the reference server, e.g. the media address a Firefox visitor reaches. */
  serverEnv: [{}, { option: true }],
  /**
   * A page a test opens on the worker's shared browser (`browser.newPage()`: the kiosk and the
   * visitor of a call) lives in a context of its own that Playwright does not close. Left open, each
   * keeps its fake camera, its WebRTC and its reconnecting sockets running through every later test
   * of the worker, and on two cores that starves the tests that follow.
   */
  closePagesOpenedOnTheBrowser: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(
        browser
          .contexts()
          .filter((context) => !before.has(context))
          .map((context) => context.close()),
      );
    },
    { auto: true },
  ],
  server: async ({ serverEnv, demoTemplate }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'visitation-e2e-'));
    cpSync(demoTemplate, dataDir, { recursive: true });
    const started = await startReferenceServer(
      { ...serverEnvIn(dataDir), ...serverEnv },
      { echo: false, logFile: join(newLogDir('server'), 'server.log') },
    );
    await use({
      url: started.url,
      child: started.child,
      dataDir,
      visitorLink: (code) => `${started.url}/visit/${code}`,
      admin: (path, body) =>
        fetch(`${started.url}/api/admin/${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
          body: JSON.stringify(body),
        }),
      adminGet: (path) =>
        fetch(`${started.url}/api/admin/${path}`, { headers: { Authorization: `Bearer ${adminToken}` } }),
    });
    await stop(started.child);
    rmSync(dataDir, { recursive: true, force: true });
  },
  kiosk: async ({ server, kioskEnv }, use) => {
    const host = await startPreviewHost({
      KIOSK_SERVER_URL: server.url,
      KIOSK_ENROLMENT_CODE: 'DEMO-KIOSK-2468',
      ...kioskEnv,
    });
    await use(host);
    await host.stop();
  },
});

function serverEnvIn(dataDir: string): Record<string, string> {
  return {
    VISITATION_PORT: '0',
    VISITATION_DATA_DIR: dataDir,
    VISITATION_LOG_LEVEL: 'info',
    VISITATION_ADMIN_TOKEN: adminToken,
    VISITATION_DEMO: '1',
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export { expect } from '@playwright/test';

/**
 * The kiosk call screen's notice over the picture (connecting, frozen, reconnecting), a status of
 * its own beside the connection indicator's.
 */
export function callNotice(page: Page): Locator {
  return page
    .getByRole('status')
    .filter({ hasNotText: /^(Good|Weak|Poor) connection$|^(Buena conexión|Conexión débil|Mala conexión)$/ });
}

/** Signs in the way a person does: touch the screen, then the keypad. */
export async function signIn(page: Page, inmateId: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: /touch the screen to begin/i }).click();
  await page.getByLabel('Inmate ID').click();
  await typeOnKeypad(page, inmateId);
  await page.getByLabel('PIN').click();
  await typeOnKeypad(page, pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function typeOnKeypad(page: Page, digits: string): Promise<void> {
  const keypad = page.getByRole('group', { name: 'Keypad' });
  for (const digit of digits) await keypad.getByRole('button', { name: digit, exact: true }).click();
}

/**
 * Collects every RTCPeerConnection a page creates, so a test can read real receive statistics
 * (`framesDecoded`, audio bytes) without the app exposing anything for tests.
 */
export async function watchPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(collectPeerConnections);
}

/**
 * The init script `watchPeerConnections` runs, for another driver's page to run before the page's
 * own scripts (Firefox through puppeteer: `evaluateOnNewDocument`).
 */
export function collectPeerConnections(): void {
  const connections: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = connections;
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      connections.push(this);
    }
  };
}

export interface ReceivedMedia {
  framesDecoded: number;
  audioBytes: number;
}

export async function receivedMedia(page: Page): Promise<ReceivedMedia> {
  return page.evaluate(readReceivedMedia);
}

/** In the page: what its open connections received (`receivedMedia`), for any driver's `evaluate`. */
export async function readReceivedMedia(): Promise<ReceivedMedia> {
  const totals = { framesDecoded: 0, audioBytes: 0 };
  for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
    if (connection.connectionState === 'closed') continue;
    const report = await connection.getStats();
    report.forEach((entry: { type: string; kind?: string; framesDecoded?: number; bytesReceived?: number }) => {
      if (entry.type !== 'inbound-rtp') return;
      if (entry.kind === 'video') totals.framesDecoded += entry.framesDecoded ?? 0;
      if (entry.kind === 'audio') totals.audioBytes += entry.bytesReceived ?? 0;
    });
  }
  return totals;
}

export interface SentMedia {
  audioBytes: number;
  videoBytes: number;
}

/** In the page: the bytes its open connections sent, audio and video (`outbound-rtp`). */
export async function readSentMedia(): Promise<SentMedia> {
  const totals = { audioBytes: 0, videoBytes: 0 };
  for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
    if (connection.connectionState === 'closed') continue;
    const report = await connection.getStats();
    report.forEach((entry: { type: string; kind?: string; bytesSent?: number }) => {
      if (entry.type !== 'outbound-rtp') return;
      if (entry.kind === 'audio') totals.audioBytes += entry.bytesSent ?? 0;
      if (entry.kind === 'video') totals.videoBytes += entry.bytesSent ?? 0;
    });
  }
  return totals;
}

/**
 * The page's RTP as its peer connections report it, one line per open connection: what a failed
 * wait for media prints, so the failure says which direction stopped and why (keyframes asked for
 * and decoded, what limits the sender). Each stream shows its mid: mediasoup-client's bandwidth
 * probe is an extra inbound video stream with mid `probator`, which never decodes a frame.
 */
export async function describeRtp(page: Page): Promise<string> {
  return page.evaluate(readRtpDescription);
}

/** In the page: `describeRtp`'s lines, for any driver's `evaluate`. */
export async function readRtpDescription(): Promise<string> {
  const lines: string[] = [];
  for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
    if (connection.connectionState === 'closed') continue;
    const parts: string[] = [`${connection.connectionState}`];
    const report = await connection.getStats();
    report.forEach((entry: Record<string, unknown>) => {
      if (entry['type'] === 'inbound-rtp') {
        parts.push(
          `in ${String(entry['kind'])} (mid ${String(entry['mid'] ?? '-')}): packets ${String(entry['packetsReceived'])}, lost ${String(entry['packetsLost'])}, ` +
            `frames decoded ${String(entry['framesDecoded'] ?? '-')}, keyframes ${String(entry['keyFramesDecoded'] ?? '-')}, ` +
            `PLI sent ${String(entry['pliCount'] ?? '-')}`,
        );
      } else if (entry['type'] === 'outbound-rtp') {
        parts.push(
          `out ${String(entry['kind'])} (mid ${String(entry['mid'] ?? '-')}): packets ${String(entry['packetsSent'])}, frames encoded ${String(entry['framesEncoded'] ?? '-')}, ` +
            `keyframes ${String(entry['keyFramesEncoded'] ?? '-')}, PLI received ${String(entry['pliCount'] ?? '-')}, ` +
            `limited by ${String(entry['qualityLimitationReason'] ?? '-')}, target ${String(entry['targetBitrate'] ?? '-')} bps`,
        );
      }
    });
    lines.push(parts.join('; '));
  }
  return lines.join('\n');
}
