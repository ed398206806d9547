import { checkScreen } from './support/screens';
import { demo, expect, test } from './support/visitation';
import { chooseLanguage, languages, signInAs, words } from './support/words';

/**
 * Short enough for a test, long enough that the warning's last 15 s leave room for the accessibility
 * check and two screenshots on a busy machine before "I'm still here" is pressed.
 */
const idleTimeoutSeconds = 30;

test.use({ kioskEnv: { KIOSK_IDLE_TIMEOUT_SECONDS: String(idleTimeoutSeconds) } });

for (const language of languages) {
  const say = words[language];

  test(`in ${say.name}, a person who walks away is warned, then signed out with every trace of them gone`, async ({
    page,
    kiosk,
  }, testInfo) => {
    test.setTimeout(150_000);
    await page.goto(kiosk.url);
    await chooseLanguage(page, language);
    await page.getByRole('button', { name: say.largerText }).click();
    await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');
    await signInAs(page, language, demo.inmate.id, demo.inmate.pin);
    await expect(page.getByText(say.hello)).toBeVisible();

    // Language and text size are main's: a reloaded renderer keeps them.
    await page.reload();
    await expect(page.getByText(say.hello)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.locator('html')).toHaveAttribute('data-text-size', 'large');

    // The warning counts down; "I'm still here" keeps the person signed in.
    const warning = page.getByRole('alertdialog', { name: say.stillThere });
    await expect(warning).toBeVisible({ timeout: idleTimeoutSeconds * 1000 });
    await expect(warning).toContainText(/\d:\d\d/);
    await checkScreen(page, testInfo, `idle-warning-${language}-large-text`);
    await warning.getByRole('button', { name: say.stillHere }).click();
    await expect(warning).toHaveCount(0);
    await expect(page.getByRole('heading', { name: say.visitsHeading })).toBeVisible();

    // Nobody answers the next warning: signed out, back to the start in English at normal size.
    await expect(warning).toBeVisible({ timeout: idleTimeoutSeconds * 1000 });
    await expect(page.getByRole('button', { name: words.en.begin })).toBeVisible({
      timeout: idleTimeoutSeconds * 1000,
    });
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('html')).toHaveAttribute('data-text-size', 'normal');
    expect(await page.content()).not.toContain(demo.inmate.displayName);
    await page.reload();
    await expect(page.getByRole('button', { name: words.en.begin })).toBeVisible();
    expect(await page.content()).not.toContain(demo.inmate.displayName);
  });
}

test('the screen before the call signs out an absent person too', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await signInAs(page, 'en', demo.inmate.id, demo.inmate.pin);
  await page
    .getByRole('listitem')
    .filter({ hasText: demo.visits.now.visitor })
    .getByRole('button', { name: words.en.startVisit })
    .click();
  await expect(page.getByRole('heading', { name: words.en.precheckHeading })).toBeVisible();
  await expect(page.getByRole('alertdialog', { name: words.en.stillThere })).toBeVisible({
    timeout: idleTimeoutSeconds * 1000,
  });
  await expect(page.getByRole('button', { name: words.en.begin })).toBeVisible({ timeout: idleTimeoutSeconds * 1000 });
  expect(await page.content()).not.toContain(demo.visits.now.visitor);
});
