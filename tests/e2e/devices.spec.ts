import type { Page } from '@playwright/test';
import { kioskRecord } from '../../server/test-support/inspect-database';
import { bookVisit, startCall, waitForNewFrames } from './support/call-session';
import { controlDevices, type DeviceControl } from './support/fake-devices';
import { finalLedgerReport } from './support/ledger-visit';
import { checkScreen } from './support/screens';
import { expect, receivedMedia, test } from './support/visitation';

/** The kiosk's ID, as it logged it when it enrolled with the server. */
function kioskIdOf(logs: Array<Record<string, unknown>>): string {
  const enrolled = logs.find((line) => line['msg'] === 'enrolled with the visitation server');
  if (typeof enrolled?.['kioskId'] !== 'string') throw new Error('the kiosk has not enrolled');
  return enrolled['kioskId'];
}

async function audioBytes(page: Page): Promise<number> {
  return (await receivedMedia(page)).audioBytes;
}

test('a camera gone before a visit: the kiosk says it cannot make calls, staff see it, and it comes back by itself', async ({
  page,
  server,
  kiosk,
}, testInfo) => {
  const devices = await controlDevices(page);
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();

  await devices.unplug('videoinput');
  await expect(
    page.getByRole('heading', { name: 'This kiosk cannot make video calls right now; staff have been told' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toHaveCount(0);
  await checkScreen(page, testInfo, 'devices-unavailable-en');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(
    page.getByRole('heading', {
      name: 'Este quiosco no puede hacer videollamadas ahora; el personal ya está avisado',
    }),
  ).toBeVisible();
  await checkScreen(page, testInfo, 'devices-unavailable-es');

  // The server's record of the kiosk's last heartbeat says so.
  const kioskId = kioskIdOf(kiosk.logs());
  await expect
    .poll(() => (kioskRecord(server.dataDir, kioskId)?.lastStatus as { devices?: object } | null)?.devices, {
      timeout: 20_000,
    })
    .toMatchObject({ camera: 'missing', microphone: 'ok' });

  await devices.plug('videoinput');
  await expect(page.getByRole('button', { name: /toque la pantalla para comenzar/i })).toBeVisible();
  await expect
    .poll(() => (kioskRecord(server.dataDir, kioskId)?.lastStatus as { devices?: object } | null)?.devices, {
      timeout: 20_000,
    })
    .toMatchObject({ camera: 'ok', microphone: 'ok' });
});

test('the camera ends mid-call: the visitor sees it is unavailable while sound and the ledger go on, then video resumes', async ({
  browser,
  server,
  kiosk,
}) => {
  const log: string[] = [];
  const visit = await bookVisit(server.admin, { firstName: 'Rosa', lastName: 'Delgado' }, 10 * 60_000);
  let devices: DeviceControl | undefined;
  const { kioskPage, visitorPage } = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(visit.visitorCode),
    visitor: visit.visitorName,
    prepareKiosk: async (page) => {
      devices = await controlDevices(page);
    },
    log,
  });
  await waitForNewFrames(visitorPage, 20_000);
  const rebuilds = (): number =>
    log.filter((line) => line.includes('visitor') && line.includes('joining (rebuild')).length;
  const rebuildsBefore = rebuilds();

  const unpluggedAt = Date.now();
  await devices?.unplug('videoinput');
  await expect(visitorPage.getByText('Camera unavailable', { exact: true })).toBeVisible();
  await expect(visitorPage.locator('#remote')).toHaveClass(/camera-off/);
  await expect(kioskPage.getByRole('alert')).toHaveText(/Your camera stopped working/);
  // Sound goes on both ways, and nobody rebuilds the call over a camera that was closed on purpose
  // (the frozen-picture rule would have rebuilt at 3 and 6 s).
  const visitorHeard = await audioBytes(visitorPage);
  const kioskHeard = await audioBytes(kioskPage);
  await visitorPage.waitForTimeout(8000);
  expect(await audioBytes(visitorPage)).toBeGreaterThan(visitorHeard);
  expect(await audioBytes(kioskPage)).toBeGreaterThan(kioskHeard);
  expect(rebuilds()).toBe(rebuildsBefore);
  await expect(kioskPage.locator('.call-overlay')).toHaveCount(0);

  await devices?.plug('videoinput');
  await expect(visitorPage.getByText('Camera unavailable', { exact: true })).toBeHidden({ timeout: 15_000 });
  await waitForNewFrames(visitorPage, 15_000);
  const returnedAt = Date.now();
  await expect(kioskPage.getByRole('alert')).toHaveCount(0);

  await kioskPage.getByRole('button', { name: 'Hang up' }).click();
  await kioskPage.getByRole('alertdialog', { name: 'Hang up?' }).getByRole('button', { name: 'Yes' }).click();
  await expect(kioskPage.getByRole('heading', { name: 'Your visit has ended' })).toBeVisible();
  // The ledger counted the time without the camera as connected: the visitor's media kept arriving.
  // Only that time is this test's: a busy test machine may stall a page for a second afterwards.
  const ledger = (await finalLedgerReport(server.adminGet, visit.visitId)).kiosk?.ledger;
  expect(ledger?.connectedSeconds).toBeGreaterThan(8);
  const withoutCamera = (drop: { startedAt: string; endedAt: string | null }): boolean =>
    Date.parse(drop.startedAt) <= returnedAt && (drop.endedAt === null || Date.parse(drop.endedAt) >= unpluggedAt);
  expect(ledger?.drops.filter(withoutCamera), log.join('\n')).toEqual([]);
  await visitorPage.close();
  await kioskPage.close();
});

test('the microphone fails mid-call: the visitor is told they cannot hear, the inmate too, and sound returns with it', async ({
  browser,
  server,
  kiosk,
}) => {
  const visit = await bookVisit(server.admin, { firstName: 'Ada', lastName: 'Quinn' }, 10 * 60_000);
  let devices: DeviceControl | undefined;
  const { kioskPage, visitorPage } = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(visit.visitorCode),
    visitor: visit.visitorName,
    prepareKiosk: async (page) => {
      devices = await controlDevices(page);
    },
  });
  await devices?.unplug('audioinput');
  await expect(
    visitorPage.getByText(/The microphone of Marcus R\. stopped working: you cannot hear them/),
  ).toBeVisible();
  await expect(kioskPage.getByRole('alert')).toHaveText(/Your microphone stopped working\. .* cannot hear you/);
  // The picture goes on both ways.
  await waitForNewFrames(visitorPage, 10_000);
  await waitForNewFrames(kioskPage, 10_000);

  await devices?.plug('audioinput');
  await expect(visitorPage.getByText(/stopped working/)).toHaveCount(0, { timeout: 15_000 });
  const heard = await audioBytes(visitorPage);
  await expect.poll(() => audioBytes(visitorPage), { timeout: 15_000 }).toBeGreaterThan(heard);
  await visitorPage.close();
  await kioskPage.close();
});
