import type { Page } from '@playwright/test';
import { recordConsole, startCall, waitForNewFrames, type Call } from '../support/call-session';
import { expect, test } from '../support/fault-fixtures';
import { faultTicketSeconds, type FaultServer } from '../support/fault-server';
import { callNotice, demo, describeRtp, watchPeerConnections } from '../support/visitation';

/**
 * A real call through the reference server in its own network namespace, and the faults a kiosk
 * meets in the field: the network cut and restored, the server killed and started again, the
 * renderer crashed. Each time the call must come back by itself, and the kiosk must say it is
 * reconnecting rather than show a frozen picture as live. The recovery times are printed for the
 * release notes.
 */

const recoveryTimeoutMs = 60_000;

const demoCall = (server: FaultServer, kioskUrl: string, log: string[]) => ({
  kioskUrl,
  visitorLink: server.visitorLink(demo.visits.now.code),
  visitor: demo.visits.now.visitor,
  log,
});

/** The remote picture is live: new frames keep arriving for a while, not just one. */
async function expectMediaKeepsFlowing(page: Page, sender: Page): Promise<void> {
  try {
    for (let i = 0; i < 3; i++) await waitForNewFrames(page, 10_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nThe sending page's RTP:\n${await describeRtp(sender)}`, {
      cause: error,
    });
  }
}

/** The kiosk is back in the call: live media, no overlay, the picture shown. */
async function expectKioskLive(call: Call): Promise<void> {
  await expectMediaKeepsFlowing(call.kioskPage, call.visitorPage);
  await expect(call.kioskPage.locator('.remote-video')).not.toHaveClass(/stale/);
  await expect(callNotice(call.kioskPage)).toHaveCount(0);
  await expectMediaKeepsFlowing(call.visitorPage, call.kioskPage);
}

async function cutAndRestore(server: FaultServer, call: Call, cutMs: number, label: string): Promise<void> {
  const cutAt = Date.now();
  server.cut();
  // The kiosk says so, and hides the picture, within a couple of seconds of media stopping.
  await expect(callNotice(call.kioskPage)).toContainText('Reconnecting', { timeout: 5000 });
  await expect(call.kioskPage.locator('.remote-video')).toHaveClass(/stale/);
  await call.kioskPage.waitForTimeout(Math.max(0, cutAt + cutMs - Date.now()));
  server.restore();
  const recoveryMs = await waitForNewFrames(call.kioskPage, recoveryTimeoutMs);
  console.log(`[recovery] ${label}: restore → first new decoded frame on the kiosk: ${recoveryMs} ms`);
  await expectKioskLive(call);
}

test.describe('fault recovery', () => {
  test('a 5 s network cut: the kiosk shows reconnecting, then media flows again', async ({
    faultServer,
    faultKiosk,
    faultBrowser,
    callLog,
  }) => {
    test.setTimeout(120_000);
    const call = await startCall(faultBrowser, demoCall(faultServer, faultKiosk.url, callLog));
    await cutAndRestore(faultServer, call, 5000, 'network cut 5 s');
  });

  test('a 30 s network cut: the call recovers by itself', async ({
    faultServer,
    faultKiosk,
    faultBrowser,
    callLog,
  }) => {
    test.setTimeout(180_000);
    const call = await startCall(faultBrowser, demoCall(faultServer, faultKiosk.url, callLog));
    await cutAndRestore(faultServer, call, 30_000, 'network cut 30 s');
  });

  test('the server is killed and started again mid-call: the call resumes by itself', async ({
    faultServer,
    faultKiosk,
    faultBrowser,
    callLog,
  }) => {
    test.setTimeout(180_000);
    const call = await startCall(faultBrowser, demoCall(faultServer, faultKiosk.url, callLog));
    await faultServer.kill();
    await expect(callNotice(call.kioskPage)).toContainText('Reconnecting', { timeout: 5000 });
    await expect(call.kioskPage.locator('.remote-video')).toHaveClass(/stale/);
    await faultServer.restart();
    const recoveryMs = await waitForNewFrames(call.kioskPage, recoveryTimeoutMs);
    console.log(
      `[recovery] server SIGKILL + restart: server ready → first new decoded frame on the kiosk: ${recoveryMs} ms`,
    );
    await expectKioskLive(call);
  });

  test('a server restart after the media ticket expired: the kiosk renews its ticket and resumes', async ({
    faultServer,
    faultKiosk,
    faultBrowser,
    callLog,
  }) => {
    test.setTimeout(180_000);
    const call = await startCall(faultBrowser, demoCall(faultServer, faultKiosk.url, callLog));
    // The reconnect after the restart must use a fresh ticket from main.
    await call.kioskPage.waitForTimeout(faultTicketSeconds * 1000 + 5000);
    await faultServer.kill();
    await expect(callNotice(call.kioskPage)).toContainText('Reconnecting', { timeout: 5000 });
    await faultServer.restart();
    const recoveryMs = await waitForNewFrames(call.kioskPage, recoveryTimeoutMs);
    console.log(
      `[recovery] server restart with an expired ticket: server ready → first new decoded frame: ${recoveryMs} ms`,
    );
    await expectKioskLive(call);
  });

  test('the renderer crashes mid-call: after the reload the visit resumes', async ({
    faultServer,
    faultKiosk,
    faultBrowser,
    callLog,
  }) => {
    test.setTimeout(120_000);
    const call = await startCall(faultBrowser, demoCall(faultServer, faultKiosk.url, callLog));
    const cdp = await call.kioskPage.context().newCDPSession(call.kioskPage);
    const crashed = call.kioskPage.waitForEvent('crash');
    // The renderer dies at once, so the command is never answered.
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    const reloadedAt = Date.now();
    // What main does when its renderer dies (kiosk/renderer-recovery.ts) is load the page again.
    // Playwright refuses every command on a crashed page, `reload` included, so the same kiosk page
    // is loaded in a new tab: main, which still holds the call, is the
    // same either way.
    const kioskPage = await faultBrowser.newPage();
    recordConsole(kioskPage, 'kiosk (reloaded)', callLog);
    await watchPeerConnections(kioskPage);
    await kioskPage.goto(faultKiosk.url);
    await expect(kioskPage.getByRole('button', { name: 'Hang up' })).toBeVisible();
    await waitForNewFrames(kioskPage, recoveryTimeoutMs);
    console.log(
      `[recovery] renderer crash: reload → first new decoded frame on the kiosk: ${Date.now() - reloadedAt} ms`,
    );
    call.kioskPage = kioskPage;
    await expectKioskLive(call);
  });
});
