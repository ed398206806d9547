import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { startBookedCall, startCall } from './support/call-session';
import { energyHeard, inbound, pictureBrightness } from './support/kiosk-media';
import { demo, expect, test } from './support/visitation';

/** The phone held upright and on its side, and a desktop: the visitor page must suit all three. */
const viewports = {
  portrait: { width: 360, height: 740 },
  landscape: { width: 740, height: 360 },
  desktop: { width: 1280, height: 800 },
} as const;

/** Axe finds nothing on the page as it is, nothing runs off its side, and a screenshot is kept. */
async function checkVisitorScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Legacy mode: a call's pages come from `browser.newPage()`, whose context axe cannot open its
  // own page in; the visitor page has no frames for the full mode to reach into.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode().analyze();
  expect(
    violations.map(({ id, help, nodes }) => ({ id, help, targets: nodes.map((node) => node.target.join(' ')) })),
    `axe on ${name}`,
  ).toEqual([]);
  const size = page.viewportSize();
  await page.screenshot({
    path: testInfo.outputPath(`visitor-${name}-${size?.width}x${size?.height}.png`),
    fullPage: true,
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} is wider than the screen`).toBeLessThanOrEqual(0);
}

test.describe('the visitor page, before joining', () => {
  for (const [name, viewport] of Object.entries(viewports)) {
    test(`checks the camera, microphone and speaker, axe-clean, on a ${name} screen`, async ({
      browser,
      server,
    }, testInfo) => {
      const page = await browser.newPage({ viewport });
      await page.goto(server.visitorLink(demo.visits.now.code));
      await expect(page.getByRole('heading', { name: 'Check your camera and sound' })).toBeVisible();
      await expect(page.getByText('Your camera and microphone are ready.')).toBeVisible();
      // The fake microphone beeps: the meter moves.
      await expect
        .poll(
          () =>
            page.getByRole('meter', { name: 'Microphone level' }).evaluate((meter: HTMLMeterElement) => meter.value),
          {
            timeout: 10_000,
          },
        )
        .toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('#preview').evaluate((video: HTMLVideoElement) => video.videoWidth))
        .toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Play a test sound' }).click();
      await expect(page.getByText('You should hear a short tone.')).toBeVisible();
      await checkVisitorScreen(page, testInfo, `check-${name}`);
      await expect(page.getByRole('button', { name: 'Join visit' })).toBeInViewport();

      // A wrong code is told in words, next to the field.
      await page.getByLabel('Visit code').fill('ABC');
      await page.getByRole('button', { name: 'Join visit' }).click();
      await expect(page.getByRole('alert')).toHaveText('A visit code has 12 letters and digits, like ABCD-EFGH-JKLM.');
      await checkVisitorScreen(page, testInfo, `bad-code-${name}`);
    });
  }

  test('speaks Spanish to a reader whose browser prefers it, and switches on the page', async ({
    browser,
    server,
  }, testInfo) => {
    const page = await browser.newPage({ viewport: viewports.portrait, locale: 'es-MX' });
    await page.goto(server.visitorLink(demo.visits.now.code));
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('heading', { name: 'Revise su cámara y el sonido' })).toBeVisible();
    await expect(page.getByText('Su cámara y su micrófono están listos.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Entrar a la visita' })).toBeVisible();
    await page.getByLabel('Código de visita').fill('ABC');
    await page.getByRole('button', { name: 'Entrar a la visita' }).click();
    await expect(page.getByRole('alert')).toHaveText(/^Un código de visita tiene 12 letras/);
    await checkVisitorScreen(page, testInfo, 'check-spanish');

    // What is already on screen changes language too.
    await page.getByLabel('Idioma').selectOption('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('alert')).toHaveText(/^A visit code has 12 letters/);
    await expect(page.getByRole('button', { name: 'Join visit' })).toBeVisible();
  });
});

test('on a phone, the visitor mutes and turns the camera off, the kiosk stops hearing and seeing them, and hanging up says so', async ({
  browser,
  server,
  kiosk,
}, testInfo) => {
  test.setTimeout(150_000);
  const { kioskPage, visitorPage } = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
  });
  for (const [name, viewport] of [
    ['portrait', viewports.portrait],
    ['landscape', viewports.landscape],
  ] as const) {
    await visitorPage.setViewportSize(viewport);
    await expect(visitorPage.getByRole('timer', { name: 'Time remaining' })).toHaveText(/^\d+:\d\d$/);
    for (const button of ['Mute', 'Camera off', 'Hang up']) {
      await expect(visitorPage.getByRole('button', { name: button })).toBeInViewport();
    }
    await checkVisitorScreen(visitorPage, testInfo, `in-call-${name}`);
  }

  const heard = await energyHeard(kioskPage, 2000);
  expect(heard).toBeGreaterThan(0);
  await expect.poll(() => pictureBrightness(kioskPage)).toBeGreaterThan(20);

  await visitorPage.getByRole('button', { name: 'Mute' }).click();
  await expect(visitorPage.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'true');
  await expect(visitorPage.getByText(`You are muted: ${demo.inmate.displayName} cannot hear you.`)).toBeVisible();
  // Silence: what is left is the decoder's noise floor, far below the fake microphone's beeps, once
  // the kiosk's jitter buffer has played out (on a loaded machine a third of the beeps came 500 ms on).
  await expect.poll(() => energyHeard(kioskPage, 2000), { timeout: 10_000 }).toBeLessThan(heard / 100);

  await visitorPage.getByRole('button', { name: 'Camera off' }).click();
  await expect(visitorPage.getByText(`Your camera is off: ${demo.inmate.displayName} cannot see you.`)).toBeVisible();
  await expect.poll(() => pictureBrightness(kioskPage), { timeout: 10_000 }).toBeLessThan(2);
  await checkVisitorScreen(visitorPage, testInfo, 'muted-camera-off');
  // The kiosk takes silence and a dark picture for what they are: the call stays up, not reconnecting.
  const framesBefore = await inbound(kioskPage, 'video', 'framesDecoded');
  await kioskPage.waitForTimeout(4000);
  await expect(kioskPage.getByText('Reconnecting')).toHaveCount(0);
  expect(await inbound(kioskPage, 'video', 'framesDecoded')).toBeGreaterThan(framesBefore);

  await visitorPage.getByRole('button', { name: 'Mute' }).click();
  await visitorPage.getByRole('button', { name: 'Camera off' }).click();
  await expect.poll(() => energyHeard(kioskPage, 2000), { timeout: 10_000 }).toBeGreaterThan(heard / 10);
  await expect.poll(() => pictureBrightness(kioskPage), { timeout: 10_000 }).toBeGreaterThan(20);

  await visitorPage.getByRole('button', { name: 'Hang up' }).click();
  await expect(visitorPage.getByRole('heading', { name: 'The visit has ended' })).toBeVisible();
  await expect(visitorPage.getByText('You hung up.')).toBeVisible();
  await checkVisitorScreen(visitorPage, testInfo, 'ended-hung-up');
});

test('in Spanish, the call and an end by staff are in Spanish, and the switch brings English back', async ({
  browser,
  server,
  kiosk,
}, testInfo) => {
  test.setTimeout(150_000);
  const { visit, call } = await startBookedCall(browser, server, kiosk.url, { firstName: 'Rosa', lastName: 'Tellez' });
  const page = call.visitorPage;
  await page.setViewportSize(viewports.portrait);
  await page.getByLabel('Language').selectOption('es');
  await expect(page.getByText(`En una visita con ${demo.inmate.displayName} Termina a las `)).toBeVisible();
  await expect(page.getByRole('timer', { name: 'Tiempo restante' })).toHaveText(/^\d+:\d\d$/);
  await page.getByRole('button', { name: 'Silenciar' }).click();
  await expect(page.getByText(`Su micrófono está silenciado: ${demo.inmate.displayName} no le oye.`)).toBeVisible();
  await checkVisitorScreen(page, testInfo, 'in-call-spanish');

  expect((await server.admin(`visits/${visit.visitId}/end`, {})).ok).toBe(true);
  await expect(page.getByRole('heading', { name: 'La visita terminó' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('El personal del centro terminó la visita.')).toBeVisible();
  await checkVisitorScreen(page, testInfo, 'ended-by-staff-spanish');
  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByText('Facility staff ended the visit.')).toBeVisible();
});

test('the visitor sees the time run down, is warned before the end, and is told the time is over', async ({
  browser,
  server,
  kiosk,
}, testInfo) => {
  test.setTimeout(150_000);
  const { visit, call } = await startBookedCall(
    browser,
    server,
    kiosk.url,
    { firstName: 'Rosa', lastName: 'Tellez' },
    { lastsMs: 50_000 },
  );
  const page = call.visitorPage;
  await page.setViewportSize(viewports.portrait);
  // Joined with under a minute left: the one-minute warning comes at once, with the minutes actually left.
  await expect(page.getByRole('alert')).toHaveText('1 minute left in this visit.');
  await checkVisitorScreen(page, testInfo, 'warning');
  const endsAt = Date.parse(visit.endsAt);
  await expect(page.getByText('The visit reached its end time.')).toBeVisible({
    timeout: endsAt - Date.now() + 15_000,
  });
  await checkVisitorScreen(page, testInfo, 'ended-time-over');
});

test('a visitor who loses the network sees why it is reconnecting, and is told in words when it does not come back', async ({
  browser,
  server,
  kiosk,
}, testInfo) => {
  test.setTimeout(180_000);
  const { visitorPage } = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
  });
  await visitorPage.setViewportSize(viewports.portrait);
  await visitorPage.context().setOffline(true);
  await expect(
    visitorPage.getByText('Connection lost. Reconnecting… The connection to the visit server was lost.'),
  ).toBeVisible({ timeout: 20_000 });
  await checkVisitorScreen(visitorPage, testInfo, 'reconnecting');
  // The page gives up after a minute of it.
  await expect(visitorPage.getByText(/^The connection was lost and could not be restored\./)).toBeVisible({
    timeout: 80_000,
  });
  await expect(visitorPage.getByRole('link', { name: 'Try to join again' })).toBeVisible();
  await checkVisitorScreen(visitorPage, testInfo, 'connection-lost');
});
