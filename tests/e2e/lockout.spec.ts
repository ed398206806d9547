import { checkScreen } from './support/screens';
import { demo, expect, test } from './support/visitation';
import { chooseLanguage, languages, signInAs, typeDigits, words } from './support/words';

for (const language of languages) {
  const say = words[language];

  test(`in ${say.name}, repeated wrong PINs lock sign-in with a countdown the server enforces`, async ({
    page,
    kiosk,
  }, testInfo) => {
    await page.goto(kiosk.url);
    await chooseLanguage(page, language);
    await signInAs(page, language, demo.inmate.id, '1111');
    await expect(page.getByRole('status')).toHaveText(say.badCredentials);
    // The reference server locks an inmate ID after five wrong PINs in a row.
    for (let attempt = 2; attempt <= 5; attempt++) {
      await page.getByLabel(say.pin, { exact: true }).click();
      await typeDigits(page, language, '1111');
      await page.getByRole('button', { name: say.signIn, exact: true }).click();
      // The answer empties the PIN field: the status alone still shows the last attempt's answer.
      await expect(page.getByLabel(say.pin, { exact: true })).toHaveValue('');
      await expect(page.getByRole('status')).toHaveText(attempt < 5 ? say.badCredentials : say.lockedOut);
    }
    const countdown = page.getByRole('status');
    const first = await countdown.textContent();
    // A five-minute lock starts at 5:00, not 5:01 (the screen's clock was up to a second old).
    const [minutes, seconds] = (/(\d+):(\d\d)\.$/.exec(first ?? '') ?? []).slice(1).map(Number);
    const shownSeconds = (minutes ?? 0) * 60 + (seconds ?? 0);
    expect(shownSeconds).toBeLessThanOrEqual(300);
    expect(shownSeconds).toBeGreaterThan(290);
    await expect(countdown).not.toHaveText(first ?? '');
    await expect(countdown).toHaveText(say.lockedOut);
    await expect(
      page.getByRole('group', { name: say.keypad }).getByRole('button', { name: '1', exact: true }),
    ).toBeDisabled();
    await expect(page.getByRole('button', { name: say.signIn, exact: true })).toBeDisabled();
    await checkScreen(page, testInfo, `sign-in-locked-${language}`);
  });
}
