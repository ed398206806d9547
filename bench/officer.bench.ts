import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Locator, type Page } from '@playwright/test';
import pino from 'pino';
import { startServer } from '../server/start-server';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import { median, percentile, round, type BenchmarkResult } from './result';

const officer = { staffNumber: '7001', pin: '8642' };

/**
 * From the officer's click on Confirm in the console to the kiosk's screen changing (the locked
 * screen drawn, or gone again), for lock and unlock in turn: the console's socket, the server's
 * command to the kiosk's main process, main storing and applying it, and the renderer drawing it.
 * Both pages stamp the time themselves with the one system clock they share.
 */
export async function runOfficerBenchmarks(rounds = 10): Promise<BenchmarkResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-officer-'));
  const server = await startServer({
    port: 0,
    dataDir,
    visitorDir: 'out/server/visitor',
    consoleDir: 'out/server/console',
    log: pino({ level: 'silent' }),
    demo: true,
  });
  const kiosk = await startPreviewHost({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: 'DEMO-KIOSK-2468' });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const kioskPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await kioskPage.addInitScript(() => {
      const changes: number[] = [];
      let closed: boolean | undefined;
      (window as unknown as { __screenChanges: number[] }).__screenChanges = changes;
      new MutationObserver(() => {
        const now = document.querySelector('main.screen.closed') !== null;
        if (closed !== undefined && now !== closed) changes.push(Date.now());
        closed = now;
      }).observe(document, { subtree: true, childList: true });
    });
    await kioskPage.goto(kiosk.url);
    await kioskPage.getByRole('button', { name: /touch the screen to begin/i }).waitFor();

    const desk = await browser.newPage();
    await desk.addInitScript(() => {
      const clicks: number[] = [];
      (window as unknown as { __confirms: number[] }).__confirms = clicks;
      document.addEventListener(
        'click',
        (event) => {
          const target = event.target as HTMLElement;
          if (target.closest('dialog') !== null && target.textContent === 'Confirm') clicks.push(Date.now());
        },
        true,
      );
    });
    await desk.goto(`${server.url}/console`);
    await desk.getByLabel('Staff number').fill(officer.staffNumber);
    await desk.getByLabel('PIN').fill(officer.pin);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    const card = desk.getByRole('region', { name: 'Housing unit B-East' }).getByRole('article').first();
    await card.getByText('Online').waitFor();

    const lock: number[] = [];
    const unlock: number[] = [];
    for (let round = 0; round < rounds; round++) {
      lock.push(await timed(desk, kioskPage, card, 'Lock'));
      unlock.push(await timed(desk, kioskPage, card, 'Unlock'));
    }
    const all = [...lock, ...unlock];
    return [
      { name: 'officer.command_to_screen_ms.median', value: round(median(all)), unit: 'ms' },
      { name: 'officer.command_to_screen_ms.p90', value: round(percentile(all, 90)), unit: 'ms' },
      { name: 'officer.command_to_screen_ms.max', value: round(Math.max(...all)), unit: 'ms' },
      { name: 'officer.command_to_screen_ms.lock_median', value: round(median(lock)), unit: 'ms' },
      { name: 'officer.command_to_screen_ms.unlock_median', value: round(median(unlock)), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await kiosk.stop();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One action confirmed in the console, timed until the kiosk's screen changed. */
async function timed(desk: Page, kioskPage: Page, card: Locator, action: 'Lock' | 'Unlock'): Promise<number> {
  const before = await kioskPage.evaluate(
    () => (window as unknown as { __screenChanges: number[] }).__screenChanges.length,
  );
  await card.getByRole('button', { name: action, exact: true }).click();
  await desk.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  const changedAt = await kioskPage.waitForFunction(
    (count) => {
      const changes = (window as unknown as { __screenChanges: number[] }).__screenChanges;
      return changes.length > count ? changes[count] : false;
    },
    before,
    { timeout: 20_000 },
  );
  const confirmedAt = await desk.evaluate(() => (window as unknown as { __confirms: number[] }).__confirms.at(-1));
  // The console's answer comes in before the next action; anything but "accepted" stops the bench.
  await card
    .getByRole('status')
    .filter({ hasText: new RegExp(`^${action}, kiosk \\S+: accepted$`) })
    .waitFor();
  return ((await changedAt.jsonValue()) as number) - (confirmedAt ?? Number.NaN);
}
