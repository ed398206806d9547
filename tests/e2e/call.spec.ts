import type { Page } from '@playwright/test';
import { bookVisit, startCall as joinBookedCall, waitForNewFrames } from './support/call-session';
import { finalLedgerReport } from './support/ledger-visit';
import { callNotice, demo, expect, receivedMedia, signIn, test, watchPeerConnections } from './support/visitation';
import { sentence } from '../../server/visitor/call-text';

/** Waits until a page has decoded remote video frames and received remote audio over mediasoup. */
async function expectMediaFlowing(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const media = await receivedMedia(page);
        return media.framesDecoded > 0 && media.audioBytes > 0;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

async function startCall(kioskPage: Page, visitorPage: Page, kioskUrl: string, visitorLink: string): Promise<void> {
  await watchPeerConnections(kioskPage);
  await watchPeerConnections(visitorPage);
  await kioskPage.goto(kioskUrl);
  await signIn(kioskPage, demo.inmate.id, demo.inmate.pin);
  const visit = kioskPage.getByRole('listitem').filter({ hasText: demo.visits.now.visitor });
  await visit.getByRole('button', { name: 'Start visit' }).click();
  await expect(kioskPage.getByRole('heading', { name: 'Before your visit' })).toBeVisible();
  await kioskPage.getByRole('button', { name: 'I understand' }).click();
  await expect(kioskPage.getByRole('status')).toHaveText(`Waiting for ${demo.visits.now.visitor} to join…`);

  await visitorPage.goto(visitorLink);
  await visitorPage.getByRole('button', { name: 'Join visit' }).click();
  await expect(kioskPage.getByRole('button', { name: 'Hang up' })).toBeVisible();
}

test('kiosk and visitor see and hear each other through the SFU; the kiosk hangs up for both', async ({
  browser,
  server,
  kiosk,
}) => {
  const kioskPage = await browser.newPage();
  const visitorPage = await browser.newPage();
  await startCall(kioskPage, visitorPage, kiosk.url, server.visitorLink(demo.visits.now.code));

  await expectMediaFlowing(kioskPage);
  await expectMediaFlowing(visitorPage);
  await expect(kioskPage.getByLabel('Time remaining')).toHaveText(/^\d+:\d\d$/);

  await kioskPage.getByRole('button', { name: 'Hang up' }).click();
  await kioskPage.getByRole('alertdialog', { name: 'Hang up?' }).getByRole('button', { name: 'Yes' }).click();
  await expect(kioskPage.getByRole('heading', { name: 'Your visit has ended' })).toBeVisible();
  await expect(kioskPage.getByText('You hung up.')).toBeVisible();
  await expect(visitorPage.getByRole('heading', { name: 'The visit has ended' })).toBeVisible();
  // Nothing keeps the kiosk's camera or a transport alive after the call.
  await expect
    .poll(() =>
      kioskPage.evaluate(() =>
        (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.every(
          (connection) => connection.connectionState === 'closed',
        ),
      ),
    )
    .toBe(true);
});

test('a hang-up at the kiosk is no drop: the kiosk’s ledger counts no second lost', async ({
  browser,
  server,
  kiosk,
}) => {
  const visit = await bookVisit(server.admin, { firstName: 'Ines', lastName: 'Moreau' }, 10 * 60_000);
  const { kioskPage, visitorPage } = await joinBookedCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(visit.visitorCode),
    visitor: visit.visitorName,
  });
  await kioskPage.waitForTimeout(2000);
  await kioskPage.getByRole('button', { name: 'Hang up' }).click();
  await waitForNewFrames(kioskPage, 5000);
  const hungUpAt = Date.now();
  await kioskPage.getByRole('alertdialog', { name: 'Hang up?' }).getByRole('button', { name: 'Yes' }).click();
  await expect(kioskPage.getByRole('heading', { name: 'Your visit has ended' })).toBeVisible();

  const ledger = (await finalLedgerReport(server.adminGet, visit.visitId)).kiosk?.ledger;
  // A stall of a loaded machine mid-call is a drop; none may run into the hang-up.
  expect(ledger?.drops.filter((drop) => Date.parse(drop.endedAt ?? '') >= hungUpAt - 100)).toEqual([]);
  expect(ledger?.connectedSeconds).toBeGreaterThan(1);
  await visitorPage.close();
  await kioskPage.close();
});

test('the visitor hanging up ends the call on the kiosk too', async ({ browser, server, kiosk }) => {
  const kioskPage = await browser.newPage();
  const visitorPage = await browser.newPage();
  await startCall(kioskPage, visitorPage, kiosk.url, server.visitorLink(demo.visits.now.code));
  await expectMediaFlowing(kioskPage);

  await visitorPage.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitorPage.getByRole('heading', { name: 'The visit has ended' })).toBeVisible();
  await expect(kioskPage.getByRole('heading', { name: 'Your visit has ended' })).toBeVisible();
  await expect(kioskPage.getByText(`${demo.visits.now.visitor} hung up.`)).toBeVisible();
});

test('joining at the same moment, both sides still receive each other', async ({ browser, server, kiosk }) => {
  const kioskPage = await browser.newPage();
  const visitorPage = await browser.newPage();
  await watchPeerConnections(kioskPage);
  await watchPeerConnections(visitorPage);
  await kioskPage.goto(kiosk.url);
  await signIn(kioskPage, demo.inmate.id, demo.inmate.pin);
  await kioskPage
    .getByRole('listitem')
    .filter({ hasText: demo.visits.now.visitor })
    .getByRole('button', { name: 'Start visit' })
    .click();
  await visitorPage.goto(server.visitorLink(demo.visits.now.code));

  // Each side's producers can be announced while the other is still building its transports.
  await Promise.all([
    kioskPage.getByRole('button', { name: 'I understand' }).click(),
    visitorPage.getByRole('button', { name: 'Join visit' }).click(),
  ]);
  await expectMediaFlowing(kioskPage);
  await expectMediaFlowing(visitorPage);
  await expectBothInCall(kioskPage, visitorPage);

  // A reload leaves without ending the visit; the kiosk's renderer rejoins by itself (main is still
  // in the call) while the visitor joins again at the same moment.
  for (let round = 0; round < 2; round++) {
    await Promise.all([kioskPage.reload(), visitorPage.reload()]);
    await visitorPage.getByRole('button', { name: 'Join visit' }).click();
    await expectMediaFlowing(kioskPage);
    await expectMediaFlowing(visitorPage);
    await expectBothInCall(kioskPage, visitorPage);
  }
});

/**
 * Each side knows the other is there, not only receives its media: when both join at once the
 * server may announce one to the other before it answers the other's own join.
 */
async function expectBothInCall(kioskPage: Page, visitorPage: Page): Promise<void> {
  await expect(callNotice(kioskPage)).toHaveCount(0);
  await expect(
    visitorPage.getByText(`${sentence(`In a visit with ${demo.inmate.displayName}`)} Ends at `),
  ).toBeVisible();
}
