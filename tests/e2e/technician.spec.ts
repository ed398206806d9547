import {
  demoStaff,
  enterStaffCredentials,
  officerWords,
  pressStaffCorner,
  staffDialog,
  staffPanel,
} from './support/officer';
import { checkScreen } from './support/screens';
import { expect, test } from './support/visitation';
import { chooseLanguage, languages, words, type KioskLanguage } from './support/words';

/**
 * Technician mode at the kiosk, through the preview host and the real reference server: the staff
 * entry with the demo technician, and the kiosk's own diagnostics on its screen.
 */

const diagnosticsWords = {
  en: {
    open: 'Diagnostics',
    version: 'Version',
    storeHealthy: /^Healthy, [\d.]+ (kB|MB)$/,
    log: /^The last \d+ log lines \(personal data removed\)$/,
    again: 'Collect again',
    close: 'Close diagnostics',
  },
  es: {
    open: 'Diagnóstico',
    version: 'Versión',
    storeHealthy: /^En buen estado, [\d.,]+ (kB|MB)$/,
    log: /^Las últimas \d+ líneas del registro \(sin datos personales\)$/,
    again: 'Reunir de nuevo',
    close: 'Cerrar el diagnóstico',
  },
} as const satisfies Record<KioskLanguage, unknown>;

for (const language of languages) {
  const say = diagnosticsWords[language];

  test(`in ${words[language].name}, a technician reads the kiosk's diagnostics on its screen`, async ({
    page,
    kiosk,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.goto(kiosk.url);
    await chooseLanguage(page, language);
    await pressStaffCorner(page, 3300);
    await expect(staffDialog(page, language)).toBeVisible();
    await enterStaffCredentials(page, language, demoStaff.technician.number, demoStaff.technician.pin);
    const panel = staffPanel(page, language);
    await expect(panel).toBeVisible();

    await panel.getByRole('button', { name: say.open, exact: true }).click();
    const log = panel.getByRole('region', { name: say.log });
    await expect(log).toBeVisible();
    // The kiosk's own log, redacted: lines of JSON, and never the technician's PIN.
    await expect(log.getByRole('listitem').first()).toHaveText(/^\{.*\}$/);
    await expect(log).not.toContainText(demoStaff.technician.pin);
    await expect(panel.getByText(say.storeHealthy)).toBeVisible();
    await checkScreen(page, testInfo, `technician-diagnostics-${language}`);

    await panel.getByRole('button', { name: say.again }).click();
    await expect(log).toBeVisible();
    await panel.getByRole('button', { name: say.close }).click();
    await expect(log).toHaveCount(0);
    await panel.getByRole('button', { name: officerWords[language].signOut }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
}

test('an officer finds no diagnostics on the panel', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await pressStaffCorner(page, 3300);
  await enterStaffCredentials(page, 'en', demoStaff.officer.number, demoStaff.officer.pin);
  const panel = staffPanel(page, 'en');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('button', { name: diagnosticsWords.en.open })).toHaveCount(0);
});
