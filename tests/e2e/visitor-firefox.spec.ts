import type { Page } from '@playwright/test';
import type { Browser as Firefox, Page as FirefoxPage, Locator } from 'puppeteer-core';
import { demoMediaEnv } from '../../scripts/demo-media-address.mjs';
import { recordConsole, startVisitAtKiosk, waitForKioskInCall, waitForNewFrames } from './support/call-session';
import { closeFirefox, launchFirefox } from './support/firefox-launch';
import { energyHeard, pictureBrightness } from './support/kiosk-media';
import {
  collectPeerConnections,
  demo,
  describeRtp,
  expect,
  readReceivedMedia,
  readRtpDescription,
  readSentMedia,
  test as visitation,
  watchPeerConnections,
} from './support/visitation';

// Families join from phones, and many of them in Firefox: the visitor page runs here in Debian's
// Firefox ESR over WebDriver BiDi (puppeteer-core), the kiosk in Playwright's Chromium as in the
// other call tests.
const test = visitation.extend<{ firefox: Firefox }>({
  firefox: async ({}, use) => {
    const browser = await launchFirefox();
    try {
      await use(browser);
    } finally {
      await closeFirefox(browser);
    }
  },
});

// Firefox pairs no ICE candidate with a server's 127.0.0.1 (not even with its loopback pref), so this
// server's media is set up as `npm start` sets the demo's: every interface, the LAN address announced.
const lanMedia = demoMediaEnv(process.env);
test.use({ serverEnv: lanMedia });

const phone = { width: 360, height: 740 };

/** Waits until the Firefox page shows an element containing this text. */
async function shows(page: FirefoxPage, text: string, timeout = 20_000): Promise<void> {
  await page.waitForSelector(`::-p-text(${JSON.stringify(text)})`, { visible: true, timeout });
}

/** An element found the way a person finds it, by its role and accessible name. */
function byRole(page: FirefoxPage, role: 'button' | 'textbox', name: string): Locator<Element> {
  // Puppeteer types a locator from its CSS selector; an ARIA selector's elements come out unknown.
  return page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`) as Locator<Element>;
}

function button(page: FirefoxPage, name: string): Locator<Element> {
  return byRole(page, 'button', name);
}

/** What Firefox shows of the kiosk: the remote video's decoded size and how far it has played. */
async function remotePicture(page: FirefoxPage): Promise<{ width: number; playedSeconds: number }> {
  return page.$eval('#remote', (video) => ({
    width: (video as HTMLVideoElement).videoWidth,
    playedSeconds: (video as HTMLVideoElement).currentTime,
  }));
}

/** Resolves once `read` gives more than it gave when called: media that keeps arriving, not a figure once set. */
async function expectGrowing(read: () => Promise<number>, what: string, timeout = 10_000): Promise<void> {
  const before = await read();
  await expect.poll(read, { message: `${what} (was ${before})`, timeout }).toBeGreaterThan(before);
}

/** Both pages' RTP and Firefox's console, for a failure's message. */
async function describeCall(kioskPage: Page, visitorPage: FirefoxPage, log: readonly string[]): Promise<string> {
  const [kiosk, visitor] = await Promise.all([
    describeRtp(kioskPage).catch((error: unknown) => `(unreadable: ${(error as Error).message})`),
    visitorPage.evaluate(readRtpDescription).catch((error: unknown) => `(unreadable: ${(error as Error).message})`),
  ]);
  return [`kiosk RTP:\n${kiosk}`, `Firefox visitor RTP:\n${visitor}`, 'console, last lines:', ...log.slice(-30)].join(
    '\n',
  );
}

test('in Firefox on a phone, the visitor joins with the visit code, sees and hears the kiosk, is heard and seen, mutes, turns the camera off, and hangs up for both', async ({
  browser,
  server,
  kiosk,
  firefox,
}) => {
  // About 30 s alone on an idle machine; beside another call on a loaded one it has taken 84 s.
  test.setTimeout(150_000);
  const announced = lanMedia['VISITATION_MEDIA_ANNOUNCED_IP'] ?? process.env['VISITATION_MEDIA_ANNOUNCED_IP'];
  const listening = process.env['VISITATION_MEDIA_LISTEN_IP'];
  if (announced === undefined && (listening === undefined || listening.startsWith('127.'))) {
    throw new Error(
      'This machine has no IPv4 address but loopback, and Firefox reaches no media server on 127.0.0.1: ' +
        'set VISITATION_MEDIA_LISTEN_IP (and VISITATION_MEDIA_ANNOUNCED_IP) to an address Firefox can reach.',
    );
  }
  const log: string[] = [];
  const kioskPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  recordConsole(kioskPage, 'kiosk', log);
  await watchPeerConnections(kioskPage);
  const visitorPage = await firefox.newPage();
  visitorPage.on('console', (message) => log.push(`firefox ${message.type()}: ${message.text()}`));
  visitorPage.on('pageerror', (error) => log.push(`firefox uncaught: ${String(error)}`));
  await visitorPage.setViewport(phone);
  await visitorPage.evaluateOnNewDocument(collectPeerConnections);

  try {
    await test.step('join', async () => {
      // The family opens the page while the inmate signs in: the page at the server's root, the code
      // typed in, as someone given only the code would join.
      await Promise.all([
        startVisitAtKiosk(kioskPage, { kioskUrl: kiosk.url, visitor: demo.visits.now.visitor }),
        (async () => {
          await visitorPage.goto(`${server.url}/`);
          await shows(visitorPage, 'Your camera and microphone are ready.');
          await byRole(visitorPage, 'textbox', 'Visit code').fill(demo.visits.now.code);
        })(),
      ]);
      await button(visitorPage, 'Join visit').click();
      await waitForKioskInCall(kioskPage);
      await shows(visitorPage, `In a visit with ${demo.inmate.displayName}`);
    });
    const heard = await test.step('media both ways', async () => {
      // Firefox decodes and plays the kiosk's video, and receives its sound.
      await expect.poll(async () => (await remotePicture(visitorPage)).width, { timeout: 20_000 }).toBeGreaterThan(0);
      await expectGrowing(async () => (await remotePicture(visitorPage)).playedSeconds, 'the kiosk video plays');
      await expectGrowing(async () => (await visitorPage.evaluate(readReceivedMedia)).framesDecoded, 'frames decoded');
      await expectGrowing(async () => (await visitorPage.evaluate(readReceivedMedia)).audioBytes, 'audio received');
      // Firefox sends both, and the kiosk decodes the picture and hears the fake microphone's tone.
      await expectGrowing(async () => (await visitorPage.evaluate(readSentMedia)).audioBytes, 'audio sent');
      await expectGrowing(async () => (await visitorPage.evaluate(readSentMedia)).videoBytes, 'video sent');
      await waitForNewFrames(kioskPage, 10_000);
      const energy = await energyHeard(kioskPage, 2000);
      expect(energy, 'the kiosk hears the visitor').toBeGreaterThan(0);
      await expect.poll(() => pictureBrightness(kioskPage), { timeout: 10_000 }).toBeGreaterThan(20);
      return energy;
    });
    await test.step('mute and camera off', async () => {
      await button(visitorPage, 'Mute').click();
      await shows(visitorPage, `You are muted: ${demo.inmate.displayName} cannot hear you.`, 5000);
      // What the kiosk's jitter buffer still holds plays out first, longer on a loaded machine.
      await expect
        .poll(() => energyHeard(kioskPage, 2000), { message: 'the kiosk hears silence', timeout: 10_000 })
        .toBeLessThan(heard / 100);

      await button(visitorPage, 'Camera off').click();
      await shows(visitorPage, `Your camera is off: ${demo.inmate.displayName} cannot see you.`, 5000);
      await expect.poll(() => pictureBrightness(kioskPage), { timeout: 10_000 }).toBeLessThan(2);
      // Muted and dark, the visitor still sees the kiosk.
      await expectGrowing(async () => (await visitorPage.evaluate(readReceivedMedia)).framesDecoded, 'frames decoded');

      await button(visitorPage, 'Mute').click();
      await button(visitorPage, 'Camera off').click();
      await expect.poll(() => energyHeard(kioskPage, 2000), { timeout: 10_000 }).toBeGreaterThan(heard / 10);
      await expect.poll(() => pictureBrightness(kioskPage), { timeout: 10_000 }).toBeGreaterThan(20);
    });
    await test.step('hang up', async () => {
      await button(visitorPage, 'Hang up').click();
      await shows(visitorPage, 'The visit has ended', 10_000);
      await shows(visitorPage, 'You hung up.', 5000);
      await expect(kioskPage.getByRole('heading', { name: 'Your visit has ended' })).toBeVisible();
      await expect(kioskPage.getByText(`${demo.visits.now.visitor} hung up.`)).toBeVisible();
      // Nothing in Firefox keeps a transport alive after the visit.
      await expect
        .poll(() =>
          visitorPage.evaluate(() =>
            (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.every(
              (connection) => connection.connectionState === 'closed',
            ),
          ),
        )
        .toBe(true);
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await describeCall(kioskPage, visitorPage, log)}`, {
      cause: error,
    });
  }
});
