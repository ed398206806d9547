import type { Page } from '@playwright/test';
import { bookVisit, recordConsole, startCall } from './support/call-session';
import { checkScreen } from './support/screens';
import { expect, signIn, test, watchPeerConnections } from './support/visitation';
import { sentence } from '../../server/visitor/call-text';

// Chromium's fake devices give two numbered audio inputs and outputs; the second of each stands for
// the handset's USB audio device.
const handsetKiosk = { KIOSK_SIMULATED_HANDSET: '1', KIOSK_HANDSET_AUDIO_LABEL: '^Fake Audio (Input|Output) 2$' };
// Long enough for axe to check the question with a live call on a loaded machine (up to 28 s).
test.use({ kioskEnv: { ...handsetKiosk, KIOSK_HANDSET_HANGUP_SECONDS: '120' } });

/** The simulated handset's test-only endpoint, as the preview host logged it. */
function handsetUrl(logs: Array<Record<string, unknown>>): string {
  const listening = logs.find((line) => line['msg'] === 'simulated handset listening');
  if (typeof listening?.['url'] !== 'string') throw new Error('the preview host has no simulated handset');
  return listening['url'];
}

async function press(url: string, action: 'lift' | 'hang-up'): Promise<void> {
  const response = await fetch(`${url}/${action}`, { method: 'POST' });
  expect(response.status).toBe(200);
}

async function deviceIdOf(page: Page, label: string): Promise<string> {
  return page.evaluate(async (wanted) => {
    const found = (await navigator.mediaDevices.enumerateDevices()).find((device) => device.label === wanted);
    if (found === undefined) throw new Error(`no device labelled ${wanted}`);
    return found.deviceId;
  }, label);
}

/** Where the kiosk sends its voice from and plays the visitor's: the live audio sender's device, and the sink. */
async function audioPath(page: Page): Promise<{ sending: string[]; sinkId: string }> {
  return page.evaluate(() => {
    const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
    const sending = connections
      .filter((connection) => connection.connectionState !== 'closed')
      .flatMap((connection) => connection.getSenders())
      .flatMap((sender) =>
        sender.track?.kind === 'audio' && sender.track.readyState === 'live'
          ? [sender.track.getSettings().deviceId ?? '']
          : [],
      );
    const remote = document.querySelector<HTMLVideoElement>('video.remote-video');
    return { sending, sinkId: remote?.sinkId ?? '(no remote video)' };
  });
}

test('lifting the handset moves the call’s sound to its own device; putting it down asks, and lifting again cancels', async ({
  page: kioskPage,
  browser,
  server,
  kiosk,
}, testInfo) => {
  const log: string[] = [];
  const visit = await bookVisit(server.admin, { firstName: 'Lena', lastName: 'Park' }, 10 * 60_000);
  // The kiosk in the test's own page, which axe can check (it cannot in a page of `browser.newPage`).
  const visitorPage = await browser.newPage();
  recordConsole(kioskPage, 'kiosk', log);
  await watchPeerConnections(kioskPage);
  await kioskPage.goto(kiosk.url);
  await signIn(kioskPage, '100234', '2468');
  await kioskPage
    .getByRole('listitem')
    .filter({ hasText: visit.visitorName })
    .getByRole('button', { name: 'Start visit' })
    .click();
  await kioskPage.getByRole('button', { name: 'I understand' }).click();
  await visitorPage.goto(server.visitorLink(visit.visitorCode));
  await visitorPage.getByRole('button', { name: 'Join visit' }).click();
  await expect(visitorPage.getByText(sentence('In a visit with Marcus R.'))).toBeVisible({ timeout: 20_000 });
  const handset = handsetUrl(kiosk.logs());
  const cabinetMicrophone = await deviceIdOf(kioskPage, 'Fake Audio Input 1');
  const cabinetSpeaker = await deviceIdOf(kioskPage, 'Fake Audio Output 1');
  const handsetMicrophone = await deviceIdOf(kioskPage, 'Fake Audio Input 2');
  const handsetSpeaker = await deviceIdOf(kioskPage, 'Fake Audio Output 2');
  await expect
    .poll(() => audioPath(kioskPage), { message: log.join('\n') })
    .toEqual({ sending: [cabinetMicrophone], sinkId: cabinetSpeaker });

  await press(handset, 'lift');
  await expect.poll(() => audioPath(kioskPage)).toEqual({ sending: [handsetMicrophone], sinkId: handsetSpeaker });
  // The Off-Hook light follows the hook, and no ring once the visitor is there.
  await expect
    .poll(async () => ((await (await fetch(handset)).json()) as { leds: unknown }).leds)
    .toEqual({ offHook: true, ring: false, mute: false });

  await press(handset, 'hang-up');
  const asking = kioskPage.getByRole('alertdialog', { name: 'Hang up?' });
  await expect(asking).toContainText(/The call ends in \d+:\d\d unless you lift it again/);
  await checkScreen(kioskPage, testInfo, 'handset-hang-up-en');
  await press(handset, 'lift');
  await expect(asking).toHaveCount(0);
  await expect(kioskPage.getByRole('button', { name: 'Hang up' })).toBeVisible();

  await kioskPage.getByRole('button', { name: 'Español' }).click();
  await press(handset, 'hang-up');
  const preguntando = kioskPage.getByRole('alertdialog', { name: '¿Colgar?' });
  await expect(preguntando).toContainText(/La llamada termina en \d+:\d\d/);
  await checkScreen(kioskPage, testInfo, 'handset-hang-up-es');
  await preguntando.getByRole('button', { name: 'Colgar ahora' }).click();
  await expect(kioskPage.getByRole('heading', { name: 'Su visita terminó' })).toBeVisible();
  await expect(visitorPage.getByRole('heading', { name: 'The visit has ended' })).toBeVisible();
  await visitorPage.close();
});

test.describe('with a short countdown', () => {
  test.use({ kioskEnv: { ...handsetKiosk, KIOSK_HANDSET_HANGUP_SECONDS: '5' } });

  test('left down mid-call, the handset hangs up by itself when the countdown ends', async ({
    browser,
    server,
    kiosk,
  }) => {
    const visit = await bookVisit(server.admin, { firstName: 'Omar', lastName: 'Haddad' }, 10 * 60_000);
    const { kioskPage, visitorPage } = await startCall(browser, {
      kioskUrl: kiosk.url,
      visitorLink: server.visitorLink(visit.visitorCode),
      visitor: visit.visitorName,
    });
    const handset = handsetUrl(kiosk.logs());
    await press(handset, 'lift');
    await press(handset, 'hang-up');
    await expect(kioskPage.getByRole('alertdialog', { name: 'Hang up?' })).toBeVisible();
    await expect(kioskPage.getByRole('heading', { name: 'Your visit has ended' })).toBeVisible({ timeout: 20_000 });
    await expect(visitorPage.getByText('The person you were visiting hung up.')).toBeVisible();
    await visitorPage.close();
    await kioskPage.close();
  });
});
