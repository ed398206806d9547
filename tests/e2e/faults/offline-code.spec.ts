import { createOfflineCodes } from '../../../server/staff/offline-codes';
import { openDatabase } from '../../../server/store/database';
import { systemClock } from '../../../server/clock';
import { demo as seeded } from '../../../server/demo/seed';
import { expect, test } from '../support/fault-fixtures';
import { officerWords, pressStaffCorner, staffDialog, staffPanel } from '../support/officer';

/**
 * An offline code at the kiosk while its server is down: it signs the officer in once, is refused
 * the second time, and its use reaches the server when the server is back.
 */
test('an offline code signs staff in with the server stopped, once; its use is audited on the server’s return', async ({
  page,
  faultServer,
  faultKiosk,
}) => {
  test.setTimeout(180_000);
  const say = officerWords.en;
  // Issued as the console issues it (the console is the server engineer's), straight into its database.
  const db = openDatabase(faultServer.dataDir);
  const codes = createOfflineCodes(db, systemClock);
  const { officer } = seeded;
  const issued = await codes.issue(seeded.housingUnit.id, {
    staffId: officer.id,
    staffNumber: officer.staffNumber,
    displayName: officer.displayName,
    role: officer.role,
  });
  db.close();
  expect(issued).toBeDefined();
  const code = issued?.code ?? '';

  // The kiosk fetches its unit's verifiers on every connection.
  await faultKiosk.kill();
  const kiosk = await faultKiosk.restart();
  try {
    await expect
      .poll(() => kiosk.logs().some((line) => line['msg'] === 'offline codes updated' && line['count'] === 1), {
        timeout: 30_000,
      })
      .toBe(true);
    await faultServer.stop();

    await page.goto(kiosk.url);
    const typeCode = async (): Promise<void> => {
      await pressStaffCorner(page, 3300);
      const dialog = staffDialog(page, 'en');
      await expect(dialog.getByText('The server cannot be reached. Enter one of your offline codes.')).toBeVisible();
      const letters = dialog.getByRole('group', { name: 'Letters' });
      for (const key of code.replace(/-/g, '')) await letters.getByRole('button', { name: key, exact: true }).click();
      await dialog.getByRole('button', { name: say.submit, exact: true }).click();
    };
    await typeCode();
    await expect(staffPanel(page, 'en')).toBeVisible();
    await staffPanel(page, 'en').getByRole('button', { name: say.signOut }).click();

    await typeCode();
    await expect(staffDialog(page, 'en').getByRole('status')).toHaveText(
      'That offline code is not valid, or it was already used.',
    );
    await staffDialog(page, 'en').getByRole('button', { name: say.cancel }).click();

    await faultServer.restart();
    const check = openDatabase(faultServer.dataDir);
    try {
      const used = () => createOfflineCodes(check, systemClock).list(seeded.housingUnit.id)[0];
      await expect.poll(() => used()?.usedAt ?? null, { timeout: 60_000 }).not.toBeNull();
      expect(used()).toMatchObject({ codeId: issued?.codeId, replacementDue: true });
    } finally {
      check.close();
    }
  } finally {
    await kiosk.stop();
  }
});
