import type { Page } from '@playwright/test';
import { bookVisit, startCall, waitForNewFrames, type Call } from '../support/call-session';
import { expect, test, type FaultFixtures } from '../support/fault-fixtures';
import { finalLedgerReport } from '../support/ledger-visit';
import type { PreviewProcess } from '../support/preview-process';

/**
 * Main killed mid-call (SIGKILL: no shutdown, as a crash or a power cut) and started again. Within
 * the kiosk's bound the call comes back by itself, no sign-in, with the time away counted lost in
 * the kiosk's ledger; past it the ledger is closed as it stood and the kiosk starts from the
 * beginning.
 */

const downMs = 3000;

/** Resolves once the page has loaded again: the preview host's page outlives main and reloads when it is back. */
async function markPage(page: Page): Promise<() => Promise<void>> {
  await page.evaluate(() => ((window as unknown as { beforeRestart?: boolean }).beforeRestart = true));
  return () =>
    expect
      .poll(
        // Asked mid-navigation, the page has no answer yet: not reloaded.
        () => page.evaluate(() => (window as unknown as { beforeRestart?: boolean }).beforeRestart).catch(() => true),
        { timeout: 20_000 },
      )
      .toBeUndefined();
}

async function hangUp(kioskPage: Page): Promise<void> {
  await kioskPage.getByRole('button', { name: 'Hang up' }).click();
  await kioskPage.getByRole('alertdialog', { name: 'Hang up?' }).getByRole('button', { name: 'Yes' }).click();
  await kioskPage.getByRole('heading', { name: 'Your visit has ended' }).waitFor();
}

interface KilledCall {
  call: Call;
  visitId: string;
  killedAt: number;
  /** The host started again, its page reloaded. */
  restarted: PreviewProcess;
}

/**
 * A call with media flowing for 3 s, the kiosk's host killed, `downMs` later started again with
 * `env` added, and its page reloaded; `check` runs on it, then everything is closed.
 */
async function killMidCall(
  { faultServer, faultKiosk, faultBrowser, callLog }: FaultFixtures,
  visitor: { firstName: string; lastName: string },
  env: Record<string, string>,
  check: (killed: KilledCall) => Promise<void>,
): Promise<void> {
  const visit = await bookVisit((path, body) => faultServer.admin('POST', path, body), visitor, 30 * 60_000);
  const call = await startCall(faultBrowser, {
    kioskUrl: faultKiosk.url,
    visitorLink: faultServer.visitorLink(visit.visitorCode),
    visitor: visit.visitorName,
    log: callLog,
  });
  let restarted: PreviewProcess | undefined;
  try {
    await call.kioskPage.waitForTimeout(3000);
    const reloaded = await markPage(call.kioskPage);
    const killedAt = Date.now();
    await faultKiosk.kill();
    await call.kioskPage.waitForTimeout(downMs);
    restarted = await faultKiosk.restart(env);
    await reloaded();
    await check({ call, visitId: visit.visitId, killedAt, restarted });
  } finally {
    await call.visitorPage.close();
    await call.kioskPage.close();
    await restarted?.stop();
  }
}

test('a kiosk killed mid-call comes back into the call without a sign-in; the time away is counted lost', async ({
  faultServer,
  faultKiosk,
  faultBrowser,
  callLog,
}) => {
  test.setTimeout(120_000);
  const fixtures = { faultServer, faultKiosk, faultBrowser, callLog };
  await killMidCall(
    fixtures,
    { firstName: 'Noor', lastName: 'Haddad' },
    {},
    async ({ call, visitId, killedAt, restarted }) => {
      // The page reconnected to main, reloaded, and is in the call again: nobody signed in.
      await expect(call.kioskPage.getByRole('button', { name: 'Hang up' })).toBeVisible({ timeout: 20_000 });
      await expect(call.kioskPage.getByRole('button', { name: /touch the screen to begin/i })).toHaveCount(0);
      await expect(call.kioskPage.locator('.call-overlay')).toHaveCount(0, { timeout: 20_000 });
      const resumedMs = Date.now() - killedAt;
      for (let i = 0; i < 3; i++) await waitForNewFrames(call.kioskPage, 10_000);
      for (let i = 0; i < 3; i++) await waitForNewFrames(call.visitorPage, 10_000);
      expect(restarted.logs().some((line) => line['msg'] === 'went back into the visit the kiosk stopped during')).toBe(
        true,
      );

      await call.kioskPage.waitForTimeout(2000);
      await hangUp(call.kioskPage);
      const ledger = (await finalLedgerReport((path) => faultServer.admin('GET', path), visitId)).kiosk?.ledger;
      console.log(
        `[restart] killed → back in the call ${resumedMs} ms; kiosk ledger: connected ${ledger?.connectedSeconds} s, ` +
          `lost ${ledger?.disconnectedSeconds} s, drops ${JSON.stringify(ledger?.drops)}`,
      );
      const restartDrops = ledger?.drops.filter((drop) => drop.cause === 'kiosk_restarted') ?? [];
      expect(restartDrops).toHaveLength(1);
      const [drop] = restartDrops;
      // Lost from before the kill (the last write, at most a second before it) until media flowed again.
      expect(Date.parse(drop!.startedAt)).toBeLessThanOrEqual(killedAt + 100);
      expect(Date.parse(drop!.startedAt)).toBeGreaterThan(killedAt - 2000);
      expect(Date.parse(drop!.endedAt!)).toBeGreaterThanOrEqual(killedAt + downMs);
      expect(ledger?.disconnectedSeconds).toBeGreaterThanOrEqual(downMs / 1000);
      // Connected before the kill and after the return, and nothing of the absence.
      expect(ledger?.connectedSeconds).toBeGreaterThanOrEqual(4);
      expect(ledger?.connectedSeconds).toBeLessThan((Date.now() - killedAt) / 1000 + 10 - downMs / 1000);
    },
  );
});

test('a kiosk away longer than its bound closes the ledger as it stood and starts from the beginning', async ({
  faultServer,
  faultKiosk,
  faultBrowser,
  callLog,
}) => {
  test.setTimeout(120_000);
  const fixtures = { faultServer, faultKiosk, faultBrowser, callLog };
  // Away 3 s at least, and its last heartbeat is older still: past a bound of 1 s.
  const env = { KIOSK_RESUME_WITHIN_SECONDS: '1' };
  await killMidCall(fixtures, { firstName: 'Ilse', lastName: 'Brandt' }, env, async ({ call, visitId }) => {
    await expect(call.kioskPage.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible({
      timeout: 20_000,
    });
    const ledger = (await finalLedgerReport((path) => faultServer.admin('GET', path), visitId)).kiosk?.ledger;
    expect(ledger?.final).toBe(true);
    expect(ledger?.drops.filter((drop) => drop.cause === 'kiosk_restarted')).toEqual([]);
    expect(ledger?.connectedSeconds).toBeGreaterThanOrEqual(2);
    await expect(call.kioskPage.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  });
});
