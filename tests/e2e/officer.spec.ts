import { startBookedCall } from './support/call-session';
import {
  act,
  demoStaff,
  enterStaffCredentials,
  officerWords,
  pressStaffCorner,
  signInAsOfficer,
  staffDialog,
  staffPanel,
  typeWithGaps,
} from './support/officer';
import { checkScreen } from './support/screens';
import { expect, test } from './support/visitation';
import { chooseLanguage, languages, words } from './support/words';

/**
 * Officer mode at the kiosk, through the preview host and the real reference server: the hidden
 * staff entry, staff sign-in checked by the server, and every action of the staff panel.
 */

for (const language of languages) {
  const say = officerWords[language];

  test(`in ${words[language].name}, an officer locks, unlocks, takes the kiosk out of service and back`, async ({
    page,
    kiosk,
  }, testInfo) => {
    test.setTimeout(150_000);
    await page.goto(kiosk.url);
    await chooseLanguage(page, language);

    await pressStaffCorner(page, 3300);
    await expect(staffDialog(page, language)).toBeVisible();
    await checkScreen(page, testInfo, `staff-sign-in-${language}`);
    await enterStaffCredentials(page, language, demoStaff.officer.number, demoStaff.officer.pin);
    const panel = staffPanel(page, language);
    await expect(panel).toBeVisible();
    await expect(panel.getByText(say.inService, { exact: true })).toBeVisible();
    await checkScreen(page, testInfo, `staff-panel-${language}`);

    await act(page, language, say.lock);
    await expect(page.getByRole('heading', { name: say.locked })).toBeVisible();
    await act(page, language, say.unlock);
    await expect(page.getByRole('heading', { name: say.locked })).toHaveCount(0);

    await panel.getByRole('radio', { name: say.count }).check();
    await act(page, language, say.outOfService);
    await expect(page.getByRole('heading', { name: say.outOfServiceHeading })).toBeVisible();
    await expect(page.getByText(say.countReason)).toBeVisible();
    await panel.getByRole('button', { name: say.signOut }).click();
    // Nothing of the staff overlay stays on screen.
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await checkScreen(page, testInfo, `out-of-service-${language}`);
    // An inmate's touch reaches no sign-in.
    await page.mouse.click(960, 540);
    await expect(page.getByRole('heading', { name: words[language].signInHeading })).toHaveCount(0);

    await signInAsOfficer(page, language);
    await act(page, language, say.backInService);
    await panel.getByRole('button', { name: say.signOut }).click();
    await expect(page.getByRole('button', { name: say.begin })).toBeVisible();
  });
}

test('a badge typed as keys opens staff sign-in with its number; a person typing as slowly does not', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: officerWords.en.begin }).waitFor();

  await typeWithGaps(page, demoStaff.officer.number, 150);
  await page.waitForTimeout(500);
  await expect(staffDialog(page, 'en')).toHaveCount(0);

  await typeWithGaps(page, demoStaff.officer.number, 5);
  const dialog = staffDialog(page, 'en');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(officerWords.en.staffNumber)).toHaveValue(demoStaff.officer.number);
  await enterStaffCredentials(page, 'en', null, demoStaff.officer.pin);
  await expect(staffPanel(page, 'en')).toBeVisible();
});

test('an inmate’s short touches on the corner open nothing, and a long press without credentials reaches nothing', async ({
  page,
  kiosk,
}, testInfo) => {
  const say = officerWords.en;
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: say.begin }).waitFor();
  for (let touch = 0; touch < 3; touch++) await pressStaffCorner(page, 600);
  await page.waitForTimeout(3000);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await pressStaffCorner(page, 3300);
  await enterStaffCredentials(page, 'en', '1234', '1234');
  await expect(staffDialog(page, 'en').getByRole('status')).toHaveText(say.badCredentials);
  await expect(staffPanel(page, 'en')).toHaveCount(0);
  await checkScreen(page, testInfo, 'staff-sign-in-refused');
  await staffDialog(page, 'en').getByRole('button', { name: say.cancel }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: say.begin })).toBeVisible();
});

test('a locked kiosk refuses an inmate and is still locked after the kiosk is killed and restarted', async ({
  page,
  kiosk,
}, testInfo) => {
  test.setTimeout(120_000);
  const say = officerWords.en;
  await page.goto(kiosk.url);
  await signInAsOfficer(page, 'en');
  await act(page, 'en', say.lock);
  await staffPanel(page, 'en').getByRole('button', { name: say.signOut }).click();
  await expect(page.getByRole('heading', { name: say.locked })).toBeVisible();
  await checkScreen(page, testInfo, 'locked-en');
  await page.mouse.click(960, 540);
  await expect(page.getByRole('heading', { name: words.en.signInHeading })).toHaveCount(0);

  // As a power cut would: no chance to close anything.
  await kiosk.kill();
  const restarted = await kiosk.restart();
  try {
    await page.reload();
    await expect(page.getByRole('heading', { name: say.locked })).toBeVisible();
    await page.mouse.click(960, 540);
    await expect(page.getByRole('heading', { name: words.en.signInHeading })).toHaveCount(0);
  } finally {
    await restarted.stop();
  }
});

test('staff PINs lock out after five wrong tries, with a countdown from the server', async ({ page, kiosk }) => {
  test.setTimeout(120_000);
  const say = officerWords.en;
  await page.goto(kiosk.url);
  await pressStaffCorner(page, 3300);
  const dialog = staffDialog(page, 'en');
  await enterStaffCredentials(page, 'en', demoStaff.officer.number, '1111');
  await expect(dialog.getByRole('status')).toHaveText(say.badCredentials);
  for (let attempt = 2; attempt <= 5; attempt++) {
    await enterStaffCredentials(page, 'en', null, '1111');
    await expect(dialog.getByLabel(say.pin, { exact: true })).toHaveValue('');
    await expect(dialog.getByRole('status')).toHaveText(attempt < 5 ? say.badCredentials : say.lockedOut);
  }
  await expect(dialog.getByRole('button', { name: say.submit, exact: true })).toBeDisabled();
});

for (const language of languages) {
  const say = officerWords[language];
  const inmate = words[language];

  test(`in ${inmate.name}, an officer ends the visit in progress: the kiosk, the visitor page and the ledger say staff ended it`, async ({
    browser,
    server,
    kiosk,
  }) => {
    test.setTimeout(180_000);
    const { visit, call } = await startBookedCall(
      browser,
      server,
      kiosk.url,
      {
        firstName: 'Rosa',
        lastName: 'Tellez',
      },
      { language },
    );
    const page = call.kioskPage;

    await signInAsOfficer(page, language);
    await expect(staffPanel(page, language).getByText(visit.visitorName, { exact: false })).toBeVisible();
    await act(page, language, say.endVisit);
    await staffPanel(page, language).getByRole('button', { name: say.signOut }).click();

    await expect(page.getByRole('heading', { name: inmate.summaryHeading })).toBeVisible();
    await expect(page.getByText(say.endedByStaff)).toBeVisible();
    await expect(call.visitorPage.getByText('Facility staff ended the visit.')).toBeVisible({ timeout: 20_000 });
    await expect
      .poll(
        async () => {
          const report = (await (await server.adminGet(`visits/${visit.visitId}/ledger`)).json()) as {
            kiosk: { ledger: { final: boolean; endReason?: string } } | null;
          };
          return report.kiosk?.ledger.final === true ? report.kiosk.ledger.endReason : undefined;
        },
        { timeout: 30_000 },
      )
      .toBe('ended_by_staff');
  });

  test(`in ${inmate.name}, a reset during a visit ends it, clears the inmate and reloads the kiosk to its first screen`, async ({
    browser,
    server,
    kiosk,
  }) => {
    test.setTimeout(180_000);
    const { call } = await startBookedCall(
      browser,
      server,
      kiosk.url,
      { firstName: 'Ana', lastName: 'Lopez' },
      { language },
    );
    const page = call.kioskPage;

    await signInAsOfficer(page, language);
    const reloaded = page.waitForEvent('load');
    await staffPanel(page, language).getByRole('button', { name: say.reset, exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: say.yes, exact: true }).click();
    await reloaded;
    // The officer's panel stays through the reload; the inmate's language went with every other
    // trace of them, so the kiosk, panel included, is back in English.
    const english = officerWords.en;
    await expect(page.locator('html[lang="en"]')).toHaveCount(1);
    await staffPanel(page, 'en').getByRole('button', { name: english.signOut }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('button', { name: words.en.begin })).toBeVisible();
    await expect(page.getByText(inmate.hello)).toHaveCount(0);
    await expect(call.visitorPage.getByText('Facility staff ended the visit.')).toBeVisible({ timeout: 20_000 });
  });
}
