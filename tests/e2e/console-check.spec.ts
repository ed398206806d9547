import type { Page } from '@playwright/test';
import { checkScreen } from './support/screens';
import { expect, test, type ReferenceServer } from './support/visitation';
import { chooseLanguage } from './support/words';

// The console's network check, end to end: the officer's button, the kiosk's screen while its real
// test call runs through the reference server's echo room, and the result back on the console.

const officer = { staffNumber: '7001', pin: '8642' };

async function officerDesk(page: Page, server: ReferenceServer) {
  await page.goto(`${server.url}/console`);
  await page.getByLabel('Staff number').fill(officer.staffNumber);
  await page.getByLabel('PIN').fill(officer.pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page.getByRole('region', { name: 'Housing unit B-East' });
}

async function enrolledKioskId(kiosk: { logs(): Array<Record<string, unknown>> }): Promise<string> {
  const line = () => kiosk.logs().find((entry) => entry.msg === 'enrolled with the visitation server');
  await expect.poll(() => line()?.['kioskId']).toBeTruthy();
  return String(line()?.['kioskId']);
}

const figures = /passed over (UDP|TCP), round trip \d+ ms, loss [\d.]+ %, video \d+ kbit\/s/;

test('the network check run from the console: the kiosk shows it, then the attract screen, and the console shows the figures; axe-clean in English and Spanish', async ({
  page,
  context,
  server,
  kiosk,
}, testInfo) => {
  test.setTimeout(150_000);
  await page.goto(kiosk.url);
  const begin = page.getByRole('button', { name: /touch the screen to begin/i });
  await expect(begin).toBeVisible();
  const kioskId = await enrolledKioskId(kiosk);
  const desk = await context.newPage();
  const unit = await officerDesk(desk, server);
  const card = unit.getByRole('article', { name: `Kiosk ${kioskId}` });
  await expect(card).toContainText('In service', { timeout: 30_000 });
  await expect(card).toContainText('not run from the console yet');
  const run = card.getByRole('button', { name: 'Run network check' });

  const askedAt = Date.now();
  await run.click();
  await expect(card.getByRole('status').first()).toHaveText(`Network check running on kiosk ${kioskId}…`);
  await expect(page.getByRole('heading', { name: 'Network check in progress' })).toBeVisible();
  await expect(begin).toBeHidden();
  await checkScreen(page, testInfo, 'network-check-en');
  await expect(card.getByText(new RegExp(`Network check, kiosk ${kioskId}: ${figures.source}`))).toBeVisible({
    timeout: 45_000,
  });
  const consoleToResultMs = Date.now() - askedAt;
  testInfo.annotations.push({ type: 'console.media_check_ms', description: String(consoleToResultMs) });
  // The kiosk is back on its attract screen, and the card keeps the result as the kiosk's last check.
  await expect(begin).toBeVisible();
  await expect(card).toContainText(new RegExp(`Network check${figures.source}`));
  const audit = desk.getByRole('region', { name: 'Audit (recent)' });
  await expect(audit.getByRole('row').filter({ hasText: 'media_check.run' }).filter({ hasText: 'passed' })).toHaveCount(
    1,
  );
  // The next diagnostics bundle carries the same check.
  await card.getByRole('button', { name: 'Collect diagnostics' }).click();
  await expect(card.getByRole('region', { name: `Diagnostics, kiosk ${kioskId}` })).toContainText(
    new RegExp(`Last network check${figures.source}`),
    { timeout: 30_000 },
  );

  // In Spanish, on the kiosk and at the desk.
  await chooseLanguage(page, 'es');
  await desk.getByRole('button', { name: 'Cambiar a español' }).click();
  const tarjeta = desk
    .getByRole('region', { name: 'Unidad B-East' })
    .getByRole('article', { name: `Quiosco ${kioskId}` });
  await tarjeta.getByRole('button', { name: 'Comprobar la red' }).click();
  await expect(page.getByRole('heading', { name: 'Comprobación de red en curso' })).toBeVisible();
  await checkScreen(page, testInfo, 'network-check-es');
  await checkScreen(desk, testInfo, 'console-network-check-es');
  await expect(
    tarjeta.getByText(new RegExp(`Comprobación de red, quiosco ${kioskId}: correcta por (UDP|TCP)`)),
  ).toBeVisible({
    timeout: 45_000,
  });
  await expect(page.getByRole('heading', { name: 'Comprobación de red en curso' })).toBeHidden();
});

test('the console’s network check is refused while someone uses the kiosk, and when the kiosk is offline', async ({
  page,
  context,
  server,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: /touch the screen to begin/i }).click();
  await expect(page.getByRole('heading', { name: /sign in/i })).toBeVisible();
  const kioskId = await enrolledKioskId(kiosk);
  const desk = await context.newPage();
  const unit = await officerDesk(desk, server);
  const card = unit.getByRole('article', { name: `Kiosk ${kioskId}` });
  await expect(card).toContainText('Online', { timeout: 30_000 });

  await card.getByRole('button', { name: 'Run network check' }).click();
  await expect(card.getByText(`Network check, kiosk ${kioskId}: refused: someone is using the kiosk`)).toBeVisible();
  // Nothing changed for the person at the kiosk.
  await expect(page.getByRole('heading', { name: /sign in/i })).toBeVisible();

  await kiosk.stop();
  await expect(card).toContainText('Offline', { timeout: 30_000 });
  await expect(card.getByRole('button', { name: 'Run network check' })).toBeDisabled();
});

test('an officer moves a housing unit to the pilot update channel after a confirmation; the audit names them; axe-clean in Spanish', async ({
  page,
  server,
}, testInfo) => {
  const unit = await officerDesk(page, server);
  const channel = unit.getByRole('group', { name: 'Update channel, housing unit B-East' });
  await expect(channel).toContainText('Update channel: Stable');
  await channel.getByLabel('Update channel').selectOption('pilot');
  await channel.getByRole('button', { name: 'Change channel' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Move housing unit B-East to the Pilot update channel?');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(channel.getByRole('status')).toHaveText('Housing unit B-East now follows the Pilot channel.');
  await expect(channel).toContainText('Update channel: Pilot');
  const audit = page.getByRole('region', { name: 'Audit (recent)' });
  await expect(
    audit.getByRole('row').filter({ hasText: 'update.channel_set' }).filter({ hasText: 'changed' }),
  ).toContainText('demo-officer-diaz');
  const feed = await fetch(`${server.url}/api/admin/housing-units/b-east/update-channel`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer nobody' },
    body: JSON.stringify({ channel: 'stable' }),
  });
  expect(feed.status).toBe(401);

  await page.getByRole('button', { name: 'Cambiar a español' }).click();
  await expect(page.getByRole('group', { name: 'Canal de actualización, unidad B-East' })).toContainText(
    'Canal de actualización: Piloto',
  );
  await checkScreen(page, testInfo, 'console-update-channel-es');
});
