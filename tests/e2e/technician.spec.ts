import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { demo as seeded } from '../../server/demo/seed';
import { databaseFileName } from '../../server/store/database';
import { connect } from '../../server/test-support/clients';
import { storeFileName } from '../../src/main/store/store';
import { controlProtocol } from '../../src/shared/protocol/control';
import { readHandshakeError } from '../../src/shared/protocol/handshake';
import {
  demoStaff,
  enterStaffCredentials,
  officerWords,
  pressStaffCorner,
  staffDialog,
  staffPanel,
} from './support/officer';
import { openKiosk, type PreviewProcess } from './support/preview-process';
import { checkScreen } from './support/screens';
import { expect, test } from './support/visitation';
import { chooseLanguage, languages, signInAs, words, type KioskLanguage } from './support/words';

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

const decommissionWords = {
  en: {
    open: 'Decommission this kiosk',
    confirm: 'Decommission',
    draining: /^Waiting for the records to reach the server: [1-9]\d* left, \d+ delivered\.$/,
    serverStep: 'Step 1: the visitation server',
  },
  es: {
    open: 'Retirar este quiosco',
    confirm: 'Retirar',
    draining: /^Esperando a que los registros lleguen al servidor: quedan? [1-9]\d*, \d+ entregados\.$/,
    serverStep: 'Paso 1: el servidor de visitas',
  },
} as const satisfies Record<KioskLanguage, unknown>;

/** The kiosk's token as its store holds it, read while it runs (WAL lets a reader in). */
function storedToken(dataDir: string): string {
  const db = new Database(join(dataDir, storeFileName), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM config WHERE key = 'kioskToken'").get() as { value: string };
    return JSON.parse(row.value) as string;
  } finally {
    db.close();
  }
}

/** What the server's audit says of decommissions, newest first. */
function decommissionAudit(dataDir: string): Array<{ staff_id: string; outcome: string; detail: string }> {
  const db = new Database(join(dataDir, databaseFileName), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare("SELECT staff_id, outcome, detail FROM audit_log WHERE action = 'kiosk.decommissioned' ORDER BY id DESC")
      .all() as Array<{ staff_id: string; outcome: string; detail: string }>;
  } finally {
    db.close();
  }
}

/** Signs the demo technician in at the panel, in `language`. */
async function technicianAtPanel(page: Page, url: string, language: KioskLanguage) {
  await page.goto(url);
  await chooseLanguage(page, language);
  await pressStaffCorner(page, 3300);
  await expect(staffDialog(page, language)).toBeVisible();
  await enterStaffCredentials(page, language, demoStaff.technician.number, demoStaff.technician.pin);
  const panel = staffPanel(page, language);
  await expect(panel).toBeVisible();
  return panel;
}

/** After the wipe main exits to be started again; its supervisor's part is played here, without the server in its environment. */
async function firstBootAfter(kiosk: PreviewProcess, exited: Promise<number | null>): Promise<PreviewProcess> {
  expect(await exited).toBe(75);
  return kiosk.restart({}, ['KIOSK_SERVER_URL', 'KIOSK_ENROLMENT_CODE']);
}

test('a technician decommissions a kiosk whose records are all delivered: wiped, first boot, and the server refuses its token', async ({
  page,
  kiosk,
  server,
}, testInfo) => {
  test.setTimeout(120_000);
  const say = decommissionWords.en;
  const token = storedToken(kiosk.dataDir);
  const panel = await technicianAtPanel(page, kiosk.url, 'en');
  const exited = new Promise<number | null>((resolve) => kiosk.child.once('exit', resolve));
  await panel.getByRole('button', { name: say.open }).click();
  await checkScreen(page, testInfo, 'technician-decommission-confirm-en');
  await page.getByRole('alertdialog').getByRole('button', { name: say.confirm, exact: true }).click();

  const again = await firstBootAfter(kiosk, exited);
  try {
    await openKiosk(page, again.url);
    await expect(page.getByRole('heading', { name: say.serverStep })).toBeVisible({ timeout: 20_000 });
    await checkScreen(page, testInfo, 'technician-decommissioned-first-boot-en');
    expect(decommissionAudit(server.dataDir)[0]).toEqual({
      staff_id: seeded.technician.id,
      outcome: 'drained',
      detail: JSON.stringify({ recordsLost: 0 }),
    });
    const refused = await connect(server.url, controlProtocol.namespace, { token }).catch((error: unknown) => error);
    expect(readHandshakeError(refused)?.code).toBe('unauthenticated');
  } finally {
    await again.stop();
  }
});

test('in Spanish, a decommission waits while records cannot be delivered, then drains them, then wipes', async ({
  page,
  kiosk,
  server,
}, testInfo) => {
  test.setTimeout(120_000);
  const say = decommissionWords.es;
  const panel = await technicianAtPanel(page, kiosk.url, 'es');
  const exited = new Promise<number | null>((resolve) => kiosk.child.once('exit', resolve));
  // The server stops answering for a while: the lock's audit record waits in the outbox.
  server.child.kill('SIGSTOP');
  try {
    await panel.getByRole('button', { name: officerWords.es.lock, exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: officerWords.es.yes, exact: true }).click();
    await panel.getByRole('button', { name: say.open }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: say.confirm, exact: true }).click();
    await expect(panel.getByText(say.draining)).toBeVisible();
    await checkScreen(page, testInfo, 'technician-decommission-draining-es');
  } finally {
    server.child.kill('SIGCONT');
  }
  const again = await firstBootAfter(kiosk, exited);
  try {
    await openKiosk(page, again.url);
    await expect(page.getByRole('heading', { name: decommissionWords.en.serverStep })).toBeVisible({
      timeout: 20_000,
    });
    // Nothing was lost: the lock reached the server before the kiosk was wiped.
    expect(decommissionAudit(server.dataDir)[0]).toMatchObject({ outcome: 'drained' });
  } finally {
    await again.stop();
  }
});

/** What the server's audit says of moves, newest first. */
function moveAudit(dataDir: string): Array<{ staff_id: string; kiosk_id: string; housing_unit_id: string }> {
  const db = new Database(join(dataDir, databaseFileName), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        "SELECT staff_id, kiosk_id, housing_unit_id FROM audit_log WHERE action = 'kiosk.moved' AND place = 'server' ORDER BY id DESC",
      )
      .all() as Array<{ staff_id: string; kiosk_id: string; housing_unit_id: string }>;
  } finally {
    db.close();
  }
}

test('a technician moves the kiosk to another housing unit: it starts again there, its inmates sign in, and the console lists it in that unit', async ({
  page,
  context,
  kiosk,
  server,
}, testInfo) => {
  test.setTimeout(120_000);
  const panel = await technicianAtPanel(page, kiosk.url, 'en');
  const kioskId = String(
    kiosk.logs().find((entry) => entry.msg === 'enrolled with the visitation server')?.['kioskId'],
  );
  await panel.getByRole('button', { name: 'Move to another housing unit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move this kiosk' });
  await expect(dialog.getByText(`This kiosk is in ${seeded.housingUnit.name} now.`, { exact: false })).toBeVisible();
  await dialog.getByRole('radio', { name: seeded.otherHousingUnit.name }).check();
  const keys = dialog.getByRole('group', { name: 'Keyboard' });
  await keys.getByRole('button', { name: 'Shift' }).click();
  for (const key of 'Dayroom') await keys.getByRole('button', { name: key, exact: true }).click();
  await keys.getByRole('button', { name: 'Space' }).click();
  await keys.getByRole('button', { name: '2', exact: true }).click();
  await checkScreen(page, testInfo, 'technician-move-en');
  const exited = new Promise<number | null>((resolve) => kiosk.child.once('exit', resolve));
  await dialog.getByRole('button', { name: 'Move the kiosk' }).click();

  // Main starts again so all that hangs on the unit (offline codes, update channel) is the new one's.
  expect(await exited).toBe(75);
  const again = await kiosk.restart({});
  try {
    expect(moveAudit(server.dataDir)[0]).toEqual({
      staff_id: seeded.technician.id,
      kiosk_id: kioskId,
      housing_unit_id: seeded.otherHousingUnit.id,
    });
    await openKiosk(page, again.url);
    await signInAs(page, 'en', seeded.otherInmate.id, seeded.otherInmate.pin);
    await expect(page.getByRole('heading', { name: words.en.visitsHeading })).toBeVisible({ timeout: 20_000 });

    const desk = await context.newPage();
    await desk.goto(`${server.url}/console`);
    await desk.getByLabel('Staff number').fill(demoStaff.officer.number);
    await desk.getByLabel('PIN').fill(demoStaff.officer.pin);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    const card = desk
      .getByRole('region', { name: `Housing unit ${seeded.otherHousingUnit.name}` })
      .getByRole('article', { name: `Kiosk ${kioskId}` });
    await expect(card).toContainText('Dayroom 2');
    await expect(card).toContainText('Online');
    await expect(
      desk
        .getByRole('region', { name: `Housing unit ${seeded.housingUnit.name}` })
        .getByRole('article', { name: `Kiosk ${kioskId}` }),
    ).toHaveCount(0);
  } finally {
    await again.stop();
  }
});

test('a technician runs the network and media check again on a kiosk in service, and its figures are kept', async ({
  page,
  kiosk,
}, testInfo) => {
  test.setTimeout(90_000);
  const panel = await technicianAtPanel(page, kiosk.url, 'en');
  await panel.getByRole('button', { name: 'Network check' }).click();
  const dialog = page.getByRole('dialog', { name: 'Network and media check' });
  await expect(dialog.getByText('The check passed: calls can be made from this kiosk.')).toBeVisible({
    timeout: 45_000,
  });
  await expect(dialog.getByText('Media path')).toBeVisible();
  await checkScreen(page, testInfo, 'technician-check-passed-en');
  const db = new Database(join(kiosk.dataDir, storeFileName), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM config WHERE key = 'mediaCheck'").get() as { value: string };
    expect(JSON.parse(row.value)).toMatchObject({ ok: true });
  } finally {
    db.close();
  }
  await dialog.getByRole('button', { name: 'Back to the panel' }).click();
  await expect(panel.getByRole('button', { name: 'Network check' })).toBeVisible();
});
