import type { Page } from '@playwright/test';
import { checkScreen } from './support/screens';
import { demo, expect, receivedMedia, test, watchPeerConnections } from './support/visitation';
import { chooseLanguage, languages, signInAs, typeDigits, words } from './support/words';

/** The value a level meter shows, from 0 to 100. */
async function meterValue(page: Page, name: string): Promise<number> {
  return Number(await page.getByRole('meter', { name }).getAttribute('aria-valuenow'));
}

for (const language of languages) {
  const say = words[language];
  // Spanish, the longer language, also runs with larger text: the hardest case for every layout.
  const largeText = language === 'es';
  const shot = (screen: string): string => `${screen}-${language}${largeText ? '-large-text' : ''}`;

  test(`a whole visit in ${say.name}${largeText ? ' with larger text' : ''}: every screen, checked by axe and photographed`, async ({
    page,
    browser,
    server,
    kiosk,
  }, testInfo) => {
    // Nine screens, each checked by axe and photographed at two sizes: 45–50 s on a quiet machine,
    // 80 s and more on a loaded one, where the suite's 90 s left too little room.
    test.setTimeout(180_000);
    await watchPeerConnections(page);
    await page.goto(kiosk.url);

    // Attract: the language choice is there before anything else.
    await expect(page.getByRole('button', { name: words.en.begin })).toBeVisible();
    await chooseLanguage(page, language);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await checkScreen(page, testInfo, `attract-${language}`);
    if (largeText) {
      await page.getByRole('button', { name: say.largerText }).click();
      await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
    }

    // Sign in: a wrong PIN is refused in the person's language, then the right one opens the list.
    await signInAs(page, language, demo.inmate.id, '1111');
    await expect(page.getByRole('status')).toHaveText(say.badCredentials);
    await expect(page.getByLabel(say.pin, { exact: true })).toHaveValue('');
    await checkScreen(page, testInfo, shot('sign-in'));
    await page.getByLabel(say.pin, { exact: true }).click();
    await typeDigits(page, language, demo.inmate.pin);
    await page.getByRole('button', { name: say.signIn, exact: true }).click();

    // Today's visits.
    await expect(page.getByRole('heading', { name: say.visitsHeading })).toBeVisible();
    await expect(page.getByText(say.hello)).toBeVisible();
    await checkScreen(page, testInfo, shot('visits'));

    // Before a legal visit: not recorded, and it says so; back to the list.
    const legal = page.getByRole('listitem').filter({ hasText: demo.visits.legal.visitor });
    await legal.getByRole('button', { name: say.startVisit }).click();
    await expect(page.getByRole('heading', { name: say.precheckHeading })).toBeVisible();
    await expect(page.getByText(say.notRecorded)).toBeVisible();
    await expect(page.getByRole('button', { name: say.acknowledge })).toHaveCount(0);
    await checkScreen(page, testInfo, shot('precheck-legal'));
    await page.getByRole('button', { name: say.back }).click();

    // Before an ordinary visit: self view, a microphone that hears, and the recording notice.
    const now = page.getByRole('listitem').filter({ hasText: demo.visits.now.visitor });
    await now.getByRole('button', { name: say.startVisit }).click();
    await expect(page.getByText(say.recorded)).toBeVisible();
    await expect.poll(() => meterValue(page, say.microphone), { timeout: 20_000 }).toBeGreaterThan(0);
    await checkScreen(page, testInfo, shot('precheck'));
    await page.getByRole('button', { name: say.acknowledge }).click();

    // The call: waiting, then the visitor joins and media flows both ways.
    await expect(page.getByRole('status')).toHaveText(say.waiting(demo.visits.now.visitor));
    const visitor = await browser.newPage();
    await visitor.goto(server.visitorLink(demo.visits.now.code));
    await visitor.getByRole('button', { name: 'Join visit' }).click();
    await expect.poll(async () => (await receivedMedia(page)).framesDecoded > 0, { timeout: 20_000 }).toBe(true);
    await expect(page.getByText(say.goodConnection)).toBeVisible();
    await expect(page.getByLabel(say.timeRemaining)).toHaveText(/^\d+:\d\d$/);
    const volumeBefore = await meterValue(page, say.volume);
    await page.getByRole('button', { name: say.quieter }).click();
    await expect.poll(() => meterValue(page, say.volume)).toBeLessThan(volumeBefore);
    expect(await page.locator('video.remote-video').evaluate((video: HTMLVideoElement) => video.volume)).toBeCloseTo(
      (volumeBefore - 10) / 100,
    );
    await checkScreen(page, testInfo, shot('call'));

    // Hang up asks first; "No" keeps the call.
    await page.getByRole('button', { name: say.hangUp }).click();
    const confirm = page.getByRole('alertdialog', { name: say.confirmHangUp });
    await expect(confirm).toBeVisible();
    await checkScreen(page, testInfo, shot('call-hang-up'));
    await confirm.getByRole('button', { name: say.no, exact: true }).click();
    await expect(confirm).toHaveCount(0);
    await page.getByRole('button', { name: say.hangUp }).click();
    await confirm.getByRole('button', { name: say.yes, exact: true }).click();

    // After the call: how long it was connected; "Done" returns to the start, in English again.
    await expect(page.getByRole('heading', { name: say.summaryHeading })).toBeVisible();
    await expect(page.getByText(say.youHungUp)).toBeVisible();
    await expect(page.getByRole('definition').first()).toHaveText(/\d+ \p{L}+/u);
    await expect(page.getByRole('term').first()).toHaveText(say.connected);
    await checkScreen(page, testInfo, shot('summary'));
    await page.getByRole('button', { name: say.done }).click();
    await expect(page.getByRole('button', { name: words.en.begin })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('html')).toHaveAttribute('data-text-size', 'normal');
  });
}
