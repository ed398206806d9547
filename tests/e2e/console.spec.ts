import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { startBookedCall, startCall } from './support/call-session';
import { startPreviewHost } from './support/preview-host';
import { openKiosk } from './support/preview-process';
import { connectKiosk } from '../../server/test-support/clients';
import { offlineCodeUsedAction } from '../../src/shared/protocol/staff';
import { act, officerWords, signInAsOfficer } from './support/officer';
import { checkScreen } from './support/screens';
import { demo, expect, test, type ReferenceServer } from './support/visitation';

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

/** Signs the demo officer in on a new page and returns the card of each kiosk asked for. */
async function officerDesk(page: Page, server: ReferenceServer): Promise<Locator> {
  await openConsole(page, server);
  await signIn(page, officer.staffNumber, officer.pin);
  return page.getByRole('region', { name: 'Housing unit B-East' });
}

async function confirmed(page: Page, button: Locator): Promise<void> {
  await button.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
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
  // The fleet view puts the kiosk that needs attention first.
  const fleetRows = desk.getByRole('region', { name: 'Kiosks by trouble' }).getByRole('row');
  await expect(fleetRows.nth(1)).toHaveText(`${offlineKioskId}B-Eastoffline, never seen`);
  await expect(fleetRows.filter({ hasText: kioskId })).toHaveText(`${kioskId}B-EastNothing wrong`);
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

test('a lock from the console reaches the kiosk’s screen, the console sees it, and an unlock brings the kiosk back', async ({
  page,
  context,
  server,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  const start = page.getByRole('button', { name: /touch the screen to begin/i });
  await expect(start).toBeVisible();
  const kioskId = await enrolledKioskId(kiosk);
  const desk = await context.newPage();
  const card = (await officerDesk(desk, server)).getByRole('article', { name: `Kiosk ${kioskId}` });
  await expect(card).toContainText('Online');

  await confirmed(desk, card.getByRole('button', { name: 'Lock', exact: true }));
  await expect(card.getByRole('status')).toHaveText(`Lock, kiosk ${kioskId}: accepted`);
  await expect(page.getByRole('heading', { name: 'This kiosk is locked by staff' })).toBeVisible();
  // The kiosk beats as soon as its service state changes, well before its 15 s interval.
  await expect(card).toContainText('Locked');

  // A second lock is refused by the kiosk, in words.
  await confirmed(desk, card.getByRole('button', { name: 'Lock', exact: true }));
  await expect(card.getByRole('status')).toHaveText(`Lock, kiosk ${kioskId}: refused: the kiosk is already locked`);

  await confirmed(desk, card.getByRole('button', { name: 'Unlock', exact: true }));
  await expect(card.getByRole('status')).toHaveText(`Unlock, kiosk ${kioskId}: accepted`);
  await expect(start).toBeVisible();
  await expect(card).not.toContainText('Locked');

  // A lock at the kiosk itself reaches the desk as quickly.
  await signInAsOfficer(page, 'en');
  await act(page, 'en', officerWords.en.lock);
  await expect(card).toContainText('Locked');
});

test('a lockdown of the housing unit from the console reaches every kiosk of the unit', async ({
  page,
  context,
  server,
  kiosk,
}) => {
  const second = await startPreviewHost({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: 'DEMO-KIOSK-2468' });
  try {
    const secondPage = await context.newPage();
    await page.goto(kiosk.url);
    await secondPage.goto(second.url);
    const ids = [await enrolledKioskId(kiosk), await enrolledKioskId(second)];
    const desk = await context.newPage();
    const unit = await officerDesk(desk, server);
    for (const id of ids) await expect(unit.getByRole('article', { name: `Kiosk ${id}` })).toContainText('Online');

    await confirmed(desk, unit.getByRole('button', { name: 'Lock all kiosks (count or lockdown)' }));
    for (const id of ids) {
      await expect(unit.getByRole('article', { name: `Kiosk ${id}` }).getByRole('status')).toHaveText(
        `Lock, kiosk ${id}: accepted`,
      );
    }
    for (const kioskPage of [page, secondPage]) {
      await expect(kioskPage.getByRole('heading', { name: 'This kiosk is locked by staff' })).toBeVisible();
    }

    await confirmed(desk, unit.getByRole('button', { name: 'Unlock all kiosks' }));
    for (const kioskPage of [page, secondPage]) {
      await expect(kioskPage.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
    }
  } finally {
    await second.stop();
  }
});

test('an officer ends a visit in progress from the console: both sides say staff ended it', async ({
  browser,
  server,
  kiosk,
}) => {
  test.setTimeout(150_000);
  const call = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
  });
  const kioskId = await enrolledKioskId(kiosk);
  const desk = await browser.newPage();
  const card = (await officerDesk(desk, server)).getByRole('article', { name: `Kiosk ${kioskId}` });
  // The kiosk's heartbeat names the visit in progress and its state.
  await expect(card).toContainText('Connected', { timeout: 30_000 });

  await confirmed(desk, card.getByRole('button', { name: 'End visit', exact: true }));
  await expect(card.getByRole('status')).toHaveText(`End visit, kiosk ${kioskId}: accepted`);
  await expect(call.kioskPage.getByText('Staff ended the visit.')).toBeVisible();
  await expect(call.visitorPage.getByText('Facility staff ended the visit.')).toBeVisible();
  const visits = desk.getByRole('region', { name: 'Today’s visits' });
  await expect(visits.getByRole('row').filter({ hasText: demo.visits.now.visitor })).toContainText(
    'Over (ended by staff)',
  );

  // With no visit in progress any more, the kiosk refuses a second end, and the console says why.
  await confirmed(desk, card.getByRole('button', { name: 'End visit', exact: true }));
  await expect(card.getByRole('status')).toHaveText(
    /^End visit, kiosk [a-z0-9-]+: refused: (no visit in progress|another visit is in progress)$/,
  );
});

test('offline codes: issued once to the officer, a used one asks for its replacement; axe-clean in both languages', async ({
  page,
  server,
}, testInfo) => {
  const unit = await officerDesk(page, server);
  await unit.getByRole('button', { name: 'Issue an offline code' }).click();
  const shown = unit.getByRole('region', { name: 'New offline code' });
  await expect(shown).toContainText('Write it down now: it is not shown again.');
  const code = /[A-Z2-7]{5}(-[A-Z2-7]{5}){3}/.exec((await shown.textContent()) ?? '')?.[0];
  expect(code).toBeDefined();
  const listed = unit.getByRole('listitem').filter({ hasText: 'Unused, expires' });
  await expect(listed).toHaveCount(1);
  await checkScreen(page, testInfo, 'console-offline-code-en');

  // A kiosk of the unit reports the code used, as its outbox delivers the audit record.
  const kiosk = await connectKiosk(server.url);
  try {
    const verifiers = await kiosk.rpc.request('staff.offlineCodes', {});
    const codeId = verifiers.ok ? verifiers.result.verifiers[0]?.codeId : undefined;
    expect(codeId).toBeDefined();
    await kiosk.rpc.request('outbox.deliver', {
      records: [
        {
          key: `offline-code-used-${codeId}`,
          type: 'audit.event',
          createdAt: new Date().toISOString(),
          payload: {
            action: offlineCodeUsedAction,
            actor: 'officer:demo-officer-diaz',
            at: new Date().toISOString(),
            detail: { codeId: codeId ?? '' },
          },
        },
      ],
    });
    const due = unit.getByRole('listitem').filter({ hasText: `Used at kiosk ${kiosk.kiosk.kioskId}` });
    await expect(due).toContainText('a replacement is due');
    await page.getByRole('button', { name: 'Cambiar a español' }).click();
    const unidad = page.getByRole('region', { name: 'Unidad B-East' });
    await expect(unidad.getByRole('listitem')).toContainText('hace falta un reemplazo');
    await checkScreen(page, testInfo, 'console-offline-code-es');
    await unidad.getByRole('button', { name: 'Emitir un reemplazo' }).click();
    await expect(unidad.getByRole('listitem').filter({ hasText: 'hace falta un reemplazo' })).toHaveCount(0);
    await expect(unidad.getByRole('listitem').filter({ hasText: 'Sin usar' })).toHaveCount(1);
    await expect(unidad.getByRole('region', { name: 'Nuevo código sin conexión' })).not.toContainText(code ?? '');
  } finally {
    kiosk.socket.close();
  }
});

test('diagnostics collected from the console after a visit show the kiosk’s state and hold nothing personal or secret; axe-clean in both languages', async ({
  browser,
  context,
  server,
  kiosk,
}, testInfo) => {
  test.setTimeout(180_000);
  const tickets: string[] = [];
  const { visit, call } = await startBookedCall(
    browser,
    server,
    kiosk.url,
    { firstName: 'Rosa', lastName: 'Tellez' },
    {
      // The media handshake carries the ticket: the one secret of a visit the test cannot know otherwise.
      prepareKiosk: async (kioskPage) => {
        kioskPage.on('websocket', (socket) =>
          socket.on('framesent', ({ payload }) => {
            const ticket = /"ticket":"([^"]+)"/.exec(String(payload))?.[1];
            if (ticket !== undefined) tickets.push(ticket);
          }),
        );
      },
    },
  );
  const { kioskPage } = call;
  await kioskPage.getByRole('button', { name: 'Hang up' }).click();
  await kioskPage.getByRole('alertdialog', { name: 'Hang up?' }).getByRole('button', { name: 'Yes' }).click();
  await expect(kioskPage.getByRole('heading', { name: 'Your visit has ended' })).toBeVisible();
  expect(tickets.length).toBeGreaterThan(0);

  const kioskId = await enrolledKioskId(kiosk);
  const desk = await context.newPage();
  const card = (await officerDesk(desk, server)).getByRole('article', { name: `Kiosk ${kioskId}` });
  await card.getByRole('button', { name: 'Collect diagnostics' }).click();
  const panel = card.getByRole('region', { name: `Diagnostics, kiosk ${kioskId}` });
  await expect(panel.getByRole('status')).toHaveText(/^Collected .+, \d+ KB$/, { timeout: 30_000 });
  await expect(panel).toContainText('healthy, schema');
  // The heartbeat carries today's figures from the kiosk's ledger.
  await expect(card).toContainText(/1 visit, [\d.]+ min connected, [\d.]+ min lost, \d+ reconnects?/);
  await expect(panel).toContainText(/\d+ waiting/);
  await panel.getByText(/^Last \d+ log lines \(redacted\)$/).click();
  await expect(panel.locator('pre')).toContainText(/\d\d:\d\d:\d\d info {2}/);
  await checkScreen(desk, testInfo, 'console-diagnostics-en');

  const kioskDb = new Database(join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  const serverDb = new Database(join(server.dataDir, 'visitation.sqlite'), { readonly: true });
  try {
    const token = JSON.parse(
      (kioskDb.prepare("SELECT value FROM config WHERE key = 'kioskToken'").get() as { value: string }).value,
    ) as string;
    const bundle = (
      serverDb.prepare('SELECT bundle FROM kiosk_diagnostics WHERE kiosk_id = ?').get(kioskId) as { bundle: string }
    ).bundle;
    expect(JSON.parse(bundle)).toMatchObject({ screen: 'summary', log: { unreadable: null } });
    const shown = await panel.innerText();
    for (const text of [bundle, shown]) {
      for (const secret of [
        token,
        visit.visitorCode,
        ...tickets,
        demo.inmate.id,
        'DEMO-KIOSK-2468',
        'Marcus',
        'Reyes',
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(new RegExp(`\\b${demo.inmate.pin}\\b`));
    }
  } finally {
    kioskDb.close();
    serverDb.close();
  }

  await desk.getByRole('button', { name: 'Cambiar a español' }).click();
  const panelEs = desk.getByRole('region', { name: `Diagnóstico, quiosco ${kioskId}` });
  await expect(panelEs).toContainText('en buen estado, esquema');
  await checkScreen(desk, testInfo, 'console-diagnostics-es');
});

test('restart app and reboot from the console: refused during a visit; the app exits for its supervisor and comes back online; the preview host cannot reboot its computer', async ({
  browser,
  context,
  server,
  kiosk,
}) => {
  test.setTimeout(180_000);
  const { call } = await startBookedCall(browser, server, kiosk.url, { firstName: 'Rosa', lastName: 'Tellez' });
  const kioskId = await enrolledKioskId(kiosk);
  const desk = await context.newPage();
  const card = (await officerDesk(desk, server)).getByRole('article', { name: `Kiosk ${kioskId}` });
  const restart = card.getByRole('button', { name: 'Restart app', exact: true });
  const reboot = card.getByRole('button', { name: 'Reboot computer', exact: true });
  // The console knows the visit from the heartbeat and offers no restart or reboot; the kiosk refuses one too.
  await expect(restart).toBeDisabled();
  await expect(reboot).toBeDisabled();
  const during = await server.admin(`kiosks/${kioskId}/commands`, {
    id: randomUUID(),
    by: null,
    action: { type: 'restart_app' },
  });
  expect(await during.json()).toMatchObject({ status: 'refused', reason: 'visit_in_progress' });
  // Whether the host can reboot comes first: the preview host never reboots the developer's computer.
  const rebootDuring = await server.admin(`kiosks/${kioskId}/commands`, {
    id: randomUUID(),
    by: null,
    action: { type: 'reboot' },
  });
  expect(await rebootDuring.json()).toMatchObject({ status: 'refused', reason: 'not_supported' });

  const { kioskPage } = call;
  await kioskPage.getByRole('button', { name: 'Hang up' }).click();
  await kioskPage.getByRole('alertdialog', { name: 'Hang up?' }).getByRole('button', { name: 'Yes' }).click();
  await expect(reboot).toBeEnabled();
  await confirmed(desk, reboot);
  await expect(card.getByRole('status').first()).toHaveText(
    `Reboot computer, kiosk ${kioskId}: refused: this kiosk cannot do that (its host or OS session does not allow it)`,
  );
  await expect(restart).toBeEnabled();
  const exited = new Promise<number | null>((resolve) => kiosk.child.once('exit', (code) => resolve(code)));
  await confirmed(desk, restart);
  await expect(card.getByRole('status').first()).toHaveText(`Restart app, kiosk ${kioskId}: accepted`);
  expect(await exited).toBe(75);
  await expect(card).toContainText('Offline');

  // What systemd (or `npm start`) does on that exit; the kiosk's records and enrolment are its own.
  const restarted = await kiosk.restart();
  try {
    await expect(card).toContainText('Online', { timeout: 30_000 });
    await openKiosk(kioskPage, kiosk.url);
    await expect(kioskPage.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
    const audit = desk.getByRole('region', { name: 'Audit (recent)' });
    // The kiosk's own records of both, refused and accepted, arrive through its outbox.
    await expect(audit.getByRole('row').filter({ hasText: 'staff.restart_app' })).toHaveCount(2, { timeout: 30_000 });
    await expect(audit.getByRole('row').filter({ hasText: 'staff.reboot' })).toHaveCount(2);
  } finally {
    await restarted.stop();
  }
});
