import type { Page } from '@playwright/test';
import { checkScreen } from './support/screens';
import { expect, test, type ReferenceServer } from './support/visitation';

// The officer console against a real reference server and a real preview-host kiosk.

const officer = { staffNumber: '7001', pin: '8642', name: 'Officer Diaz' };

async function openConsole(page: Page, server: ReferenceServer): Promise<void> {
  await page.goto(`${server.url}/console`);
  await expect(page.getByRole('heading', { name: 'Officer console' })).toBeVisible();
}

const signInWords = {
  en: { staffNumber: 'Staff number', submit: 'Sign in' },
  es: { staffNumber: 'Número de empleado', submit: 'Entrar' },
};

async function signIn(page: Page, staffNumber: string, pin: string, language: 'en' | 'es' = 'en'): Promise<void> {
  await page.getByLabel(signInWords[language].staffNumber).fill(staffNumber);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: signInWords[language].submit }).click();
}

async function enrolledKioskId(kiosk: { logs(): Array<Record<string, unknown>> }): Promise<string> {
  const line = () => kiosk.logs().find((entry) => entry.msg === 'enrolled with the visitation server');
  await expect.poll(() => line()?.['kioskId']).toBeTruthy();
  return String(line()?.['kioskId']);
}

test('an officer signs in, sees the kiosks live, and a message reaches a real kiosk; axe-clean in English and Spanish', async ({
  page,
  context,
  server,
  kiosk,
}, testInfo) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
  const kioskId = await enrolledKioskId(kiosk);
  // A second kiosk of the unit that enrolled and never connected: offline, its actions unavailable.
  const enrolled = await fetch(`${server.url}/api/enrol`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: 'DEMO-KIOSK-2468' }),
  });
  const { kioskId: offlineKioskId } = (await enrolled.json()) as { kioskId: string };

  const desk = await context.newPage();
  await openConsole(desk, server);
  await checkScreen(desk, testInfo, 'console-sign-in-en');
  await signIn(desk, officer.staffNumber, officer.pin);
  await expect(desk.getByText(`Signed in as ${officer.name}`)).toBeVisible();
  const unit = desk.getByRole('region', { name: 'Housing unit B-East' });
  const card = unit.getByRole('article', { name: `Kiosk ${kioskId}` });
  await expect(card).toContainText('Online');
  const offlineCard = unit.getByRole('article', { name: `Kiosk ${offlineKioskId}` });
  await expect(offlineCard).toContainText('Offline, never seen');
  await expect(offlineCard).toContainText('Actions are unavailable while the kiosk is offline.');
  await expect(offlineCard.getByRole('button', { name: 'Lock', exact: true })).toBeDisabled();
  // The kiosk's heartbeat reports its screen; the console shows it without being reloaded.
  await expect(card).toContainText('In service', { timeout: 30_000 });
  await checkScreen(desk, testInfo, 'console-kiosks-en');

  await card.getByLabel('Message to show').fill('Count in five minutes.');
  await card.getByRole('button', { name: 'Show message' }).click();
  const dialog = desk.getByRole('dialog');
  await expect(dialog).toContainText(`Show message on kiosk ${kioskId}?`);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(card.getByRole('status')).toHaveText(`Show message, kiosk ${kioskId}: accepted`);
  await expect(page.getByRole('alert', { name: 'Message from staff' })).toHaveText(/Count in five minutes\./);

  // The audit shows the command as given and as answered, live.
  const audit = desk.getByRole('region', { name: 'Audit (recent)' });
  await expect(
    audit.getByRole('row').filter({ hasText: 'command.show_message' }).filter({ hasText: 'accepted' }),
  ).toHaveCount(1);

  await desk.getByRole('button', { name: 'Cambiar a español' }).click();
  await expect(desk.getByRole('heading', { name: 'Consola de oficiales' })).toBeVisible();
  await expect(desk.getByRole('region', { name: 'Unidad B-East' })).toBeVisible();
  await expect(desk.locator('html')).toHaveAttribute('lang', 'es');
  await checkScreen(desk, testInfo, 'console-kiosks-es');

  // Lock all reaches the connected kiosk's side and reports the offline one at once.
  const unidad = desk.getByRole('region', { name: 'Unidad B-East' });
  await unidad.getByRole('button', { name: 'Bloquear todos los quioscos (recuento o cierre)' }).click();
  await desk.getByRole('dialog').getByRole('button', { name: 'Confirmar' }).click();
  await expect(unidad.getByRole('article', { name: `Quiosco ${offlineKioskId}` }).getByRole('status')).toHaveText(
    `Bloquear, quiosco ${offlineKioskId}: quiosco desconectado`,
  );
});

test('wrong PINs lock a staff number out at the console, and the right PIN waits too', async ({
  page,
  server,
}, testInfo) => {
  await openConsole(page, server);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, officer.staffNumber, '1111');
    // The answer empties the PIN field; each attempt waits for its answer before the next.
    await expect(page.getByLabel('PIN')).toHaveValue('');
    await expect(page.getByRole('alert')).toHaveText(
      attempt < 5 ? 'Unknown staff number or wrong PIN.' : 'Too many wrong PINs. Try again in 1 min.',
    );
  }
  await signIn(page, officer.staffNumber, officer.pin);
  await expect(page.getByRole('alert')).toHaveText('Too many wrong PINs. Try again in 1 min.');
  await expect(page.getByText(`Signed in as ${officer.name}`)).toHaveCount(0);
  await checkScreen(page, testInfo, 'console-locked-out-en');
  await page.getByRole('button', { name: 'Cambiar a español' }).click();
  await signIn(page, officer.staffNumber, officer.pin, 'es');
  await expect(page.getByRole('alert')).toHaveText('Demasiados PIN incorrectos. Vuelva a intentarlo en 1 min.');
  await checkScreen(page, testInfo, 'console-locked-out-es');
});

test('a visit ended from the console ends at the server with staff as the reason', async ({ page, server }) => {
  await openConsole(page, server);
  await signIn(page, officer.staffNumber, officer.pin);
  const visits = page.getByRole('region', { name: 'Today’s visits' });
  const row = visits.getByRole('row').filter({ hasText: 'Angela R.' });
  await expect(row).toContainText('Open, not joined');
  await row.getByRole('button', { name: /^End visit/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(visits.getByRole('status')).toHaveText('Visit ended.');
  await expect(row).toContainText('Over (ended by staff)');
  const visitor = await page.context().newPage();
  await visitor.goto(server.visitorLink('DEMO-0000-0001'));
  await visitor.getByRole('button', { name: 'Join visit' }).click();
  await expect(visitor.getByRole('alert')).toHaveText(/This visit is over\./);
});
