import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { checkScreen } from './support/screens';
import { startPreviewHost, type PreviewProcess } from './support/preview-process';
import { demo, expect, test } from './support/visitation';
import { chooseLanguage, signInAs, words } from './support/words';

const fileName = 'kiosk-provisioning.json';

let kiosk: PreviewProcess | undefined;
let folder: string | undefined;
test.afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

/** A folder standing in for a USB stick, with the provisioning file in it, as the kiosk's setting. */
function provisioningFolder(contents: string): Record<string, string> {
  folder = mkdtempSync(join(tmpdir(), 'kiosk-stick-'));
  writeFileSync(join(folder, fileName), contents);
  return { KIOSK_PROVISIONING_DIR: folder };
}

async function openKiosk(page: Page, url: string): Promise<void> {
  await expect(async () => {
    await page.goto(url);
  }).toPass({ timeout: 30_000 });
}

test('zero-touch: a kiosk with an empty data folder and a provisioning file is set up with nothing typed but the devices confirmed, then an inmate signs in', async ({
  page,
  server,
}, testInfo) => {
  test.setTimeout(120_000);
  const env = provisioningFolder(
    JSON.stringify({
      serverAddress: server.url,
      enrolmentCode: demo.enrolmentCode,
      housingUnit: 'b-east',
      location: 'B-East dayroom 3',
    }),
  );
  kiosk = await startPreviewHost(env);
  const exited = new Promise<number | null>((resolve) => kiosk?.child.once('exit', (code) => resolve(code)));
  await page.goto(kiosk.url);
  const fileNotice = `Setting up from the provisioning file ${join(folder ?? '', fileName)}.`;
  // The file covers no devices: someone at the kiosk confirms them, and the check then runs by itself.
  await expect(page.getByRole('heading', { name: 'Step 4: the kiosk’s devices' })).toBeVisible();
  await expect(page.getByText(/^Signed in with the facility’s enrolment code\. This kiosk is in B-East/)).toBeVisible();
  await expect(page.getByRole('note')).toHaveText(fileNotice);
  await checkScreen(page, testInfo, 'setup-file-devices-en');
  await page.getByRole('button', { name: 'Use these devices' }).click();
  await expect(page.getByRole('heading', { name: 'Step 5: network and media check' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This kiosk is set up' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('status')).toHaveText(
    'It belongs to B-East, at B-East dayroom 3. It starts again in service in a moment.',
  );
  await expect(page.getByRole('note')).toHaveText(fileNotice);
  await checkScreen(page, testInfo, 'setup-file-done-en');

  expect(await exited).toBe(75);
  kiosk = await kiosk.restart();
  await openKiosk(page, kiosk.url);
  await signInAs(page, 'en', demo.inmate.id, demo.inmate.pin);
  await expect(page.getByRole('heading', { name: words.en.visitsHeading })).toBeVisible();

  // Started again later with the same file still there (the stick left in): in service, not set up again.
  await kiosk.kill();
  kiosk = await kiosk.restart();
  await openKiosk(page, kiosk.url);
  await signInAs(page, 'en', demo.inmate.id, demo.inmate.pin);
  await expect(page.getByRole('heading', { name: words.en.visitsHeading })).toBeVisible();
});

test('a malformed provisioning file is shown with each wrong field, nothing of it applied, in English and Spanish; the technician goes on by hand', async ({
  page,
  server,
}, testInfo) => {
  const env = provisioningFolder(
    JSON.stringify({ serverAddress: 42, enrolmentCode: demo.enrolmentCode, colour: 'red' }),
  );
  kiosk = await startPreviewHost(env);
  await page.goto(kiosk.url);
  const path = join(folder ?? '', fileName);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`The provisioning file ${path} is not valid, so none of it was applied:`);
  await expect(alert.getByRole('listitem')).toHaveText([
    'serverAddress: the wrong type of value',
    'colour: not a provisioning field',
  ]);
  // Nothing applied: the server step waits for an address, empty.
  await expect(page.getByRole('heading', { name: 'Step 1: the visitation server' })).toBeVisible();
  await expect(page.getByLabel('Server address')).toHaveValue('');
  await checkScreen(page, testInfo, 'setup-file-invalid-en');

  await chooseLanguage(page, 'es');
  await expect(alert).toContainText(`El archivo de aprovisionamiento ${path} no es válido`);
  await expect(alert.getByRole('listitem')).toHaveText([
    'serverAddress: el tipo de valor no es el correcto',
    'colour: no es un campo de aprovisionamiento',
  ]);
  await checkScreen(page, testInfo, 'setup-file-invalid-es');
  await chooseLanguage(page, 'en');

  const keyboard = page.getByRole('group', { name: 'Keyboard' });
  for (const key of server.url) await keyboard.getByRole('button', { name: key, exact: true }).click();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2: technician sign-in' })).toBeVisible();
});

test('technician sign-in with the facility’s enrolment code on the on-screen keyboard, after a file that gave only the server', async ({
  page,
  server,
}, testInfo) => {
  kiosk = await startPreviewHost(provisioningFolder(JSON.stringify({ serverAddress: server.url })));
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: 'Step 2: technician sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Use an enrolment code' }).click();
  const keyboard = page.getByRole('group', { name: 'Keyboard' });
  const type = async (code: string) => {
    await keyboard.getByRole('button', { name: 'Clear' }).click();
    for (const key of code) await keyboard.getByRole('button', { name: key, exact: true }).click();
    await expect(page.getByLabel('Enrolment code')).toHaveValue(code);
  };
  await type('WRONG-CODE-1234');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toHaveText(/does not know that enrolment code/);
  await expect(page.getByLabel('Enrolment code')).toHaveValue('');
  await checkScreen(page, testInfo, 'setup-technician-code-refused-en');

  await chooseLanguage(page, 'es');
  await expect(page.getByRole('status')).toHaveText(/no conoce ese código de alta/);
  await checkScreen(page, testInfo, 'setup-technician-code-refused-es');
  await chooseLanguage(page, 'en');

  await type(demo.enrolmentCode);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Step 3: where this kiosk stands' })).toBeVisible();
  await expect(page.getByText(/^Signed in with the facility’s enrolment code\./)).toBeVisible();
  // The code's session lists only the code's unit.
  await expect(page.getByRole('group', { name: 'Housing unit' }).getByRole('radio')).toHaveCount(1);
  await checkScreen(page, testInfo, 'setup-placement-code-en');
});
