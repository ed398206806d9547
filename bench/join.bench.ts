import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import pino from 'pino';
import { startServer } from '../server/start-server';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import { median, round, type BenchmarkResult } from './result';

const demo = { inmateId: '100234', pin: '2468', visitId: 'demo-now', visitorCode: 'DEMO-0000-0001' };
/** Requests that belong to a join; heartbeats and deliveries that happen to fall inside are not counted. */
const joinRequests = new Set([
  'visit.join',
  'room.join',
  'transport.create',
  'transport.connect',
  'produce',
  'consume',
  'consumer.resume',
]);

/**
 * From the kiosk's last touch before the call (the pre-call notice's acknowledgement) to the first
 * decoded frame of the visitor's video, on loopback through the real SFU, over repeated joins of
 * one open visit; the visitor stays in the room. The server's own share is the time its handlers
 * spent on the join's requests, as it reports them.
 */
export async function runJoinBenchmarks(joins = 10): Promise<BenchmarkResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-join-'));
  const serverTimings: Array<{ request: string; durationMs: number }> = [];
  const log = pino(
    { level: 'debug' },
    {
      write: (line: string) => {
        const entry = JSON.parse(line) as { msg?: string; request?: string; durationMs?: number };
        if (entry.msg === 'request answered' && entry.request !== undefined && entry.durationMs !== undefined) {
          serverTimings.push({ request: entry.request, durationMs: entry.durationMs });
        }
      },
    },
  );
  const server = await startServer({ port: 0, dataDir, visitorDir: 'out/server/visitor', log, demo: true });
  const kiosk = await startPreviewHost({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: 'DEMO-KIOSK-2468' });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/visit/${demo.visitorCode}`);
    await visitor.getByRole('button', { name: 'Join visit' }).click();

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await instrument(page);
    await page.goto(kiosk.url);

    const totals: number[] = [];
    const serverShares: number[] = [];
    for (let attempt = 0; attempt < joins; attempt++) {
      await contract(page, 'kiosk.begin', {});
      await contract(page, 'session.signIn', { inmateId: demo.inmateId, pin: demo.pin });
      await page
        .getByRole('listitem')
        .filter({ hasText: 'Angela' })
        .getByRole('button', { name: 'Start visit' })
        .click();
      const acknowledge = page.getByRole('button', { name: 'I understand' });
      await acknowledge.waitFor();
      serverTimings.length = 0;
      // The join starts with this touch: the notice before it is the person's own time.
      await acknowledge.click();
      const marks = await page.waitForFunction(
        () => {
          const marks = window as unknown as { __lastClickAt?: number; __firstFrameAt?: number };
          return marks.__firstFrameAt === undefined
            ? false
            : { clickedAt: marks.__lastClickAt ?? 0, firstFrameAt: marks.__firstFrameAt };
        },
        undefined,
        { timeout: 20_000 },
      );
      const { clickedAt, firstFrameAt } = (await marks.jsonValue()) as { clickedAt: number; firstFrameAt: number };
      totals.push(firstFrameAt - clickedAt);
      process.stderr.write(`  join ${attempt + 1}: ${round(firstFrameAt - clickedAt)} ms\n`);
      serverShares.push(
        serverTimings.filter((t) => joinRequests.has(t.request)).reduce((sum, t) => sum + t.durationMs, 0),
      );
      // Leave without ending the visit, as a failed call does, so the same visit can be joined again.
      await contract(page, 'visit.end', { visitId: demo.visitId, reason: 'failed' });
      await contract(page, 'session.signOut', {});
      await page.getByRole('button', { name: /touch the screen to begin/i }).waitFor();
      await page.evaluate(() => {
        delete (window as unknown as { __firstFrameAt?: number }).__firstFrameAt;
      });
    }
    return [
      { name: 'join.first_remote_frame_ms.median', value: round(median(totals)), unit: 'ms' },
      { name: 'join.first_remote_frame_ms.max', value: round(Math.max(...totals)), unit: 'ms' },
      { name: 'join.server_share_ms.median', value: round(median(serverShares)), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await kiosk.stop();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Marks the time of every click and of the first frame each new remote video element presents. */
async function instrument(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const marks = window as unknown as { __lastClickAt?: number; __firstFrameAt?: number };
    document.addEventListener('click', () => (marks.__lastClickAt = performance.now()), { capture: true });
    const watched = new WeakSet<HTMLVideoElement>();
    new MutationObserver(() => {
      for (const video of document.querySelectorAll<HTMLVideoElement>('video[aria-label^="Video of"]')) {
        if (watched.has(video)) continue;
        watched.add(video);
        video.requestVideoFrameCallback(() => {
          marks.__firstFrameAt ??= performance.now();
        });
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/** Speaks the kiosk contract over the preview host's socket, as the renderer does. */
async function contract(page: Page, channel: string, payload: unknown): Promise<void> {
  await page.evaluate(
    ([channel, payload]) =>
      new Promise<void>((resolve, reject) => {
        const socket = new WebSocket(new URL('/contract', location.href).toString().replace(/^http/, 'ws'));
        socket.onopen = () => socket.send(JSON.stringify({ type: 'request', id: 1, channel, payload }));
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string; ok?: boolean };
          if (frame.type !== 'response') return;
          socket.close();
          if (frame.ok === true) resolve();
          else reject(new Error(`${String(channel)} refused: ${String(event.data)}`));
        };
      }),
    [channel, payload] as const,
  );
}
