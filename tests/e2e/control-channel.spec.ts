import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './support/visitation';

test('staff send a message to the kiosk: it shows on screen, survives a reload, is audited and reaches the server', async ({
  page,
  server,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
  const enrolled = await expect
    .poll(() => kiosk.logs().find((line) => line.msg === 'enrolled with the visitation server')?.kioskId)
    .toBeTruthy()
    .then(() => kiosk.logs().find((line) => line.msg === 'enrolled with the visitation server'));
  const kioskId = String(enrolled?.kioskId);

  const id = randomUUID();
  const response = await server.admin(`kiosks/${kioskId}/commands`, {
    id,
    by: null,
    action: { type: 'show_message', text: 'Count time in five minutes.' },
  });
  expect(await response.json()).toEqual({ id, status: 'accepted' });

  const banner = page.getByRole('alert', { name: 'Message from staff' });
  await expect(banner).toHaveText(/Count time in five minutes\./);
  await page.reload();
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'OK' }).click();
  await expect(banner).toHaveCount(0);

  const db = new Database(join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const audit = db.prepare('SELECT action, actor, outbox_key FROM audit_log').all() as Array<{
      action: string;
      actor: string;
      outbox_key: string;
    }>;
    expect(audit).toContainEqual(expect.objectContaining({ action: 'staff.show_message', actor: 'server' }));
    const key = audit.find((entry) => entry.action === 'staff.show_message')?.outbox_key;
    // Delivered over the control channel and acknowledged by the server.
    await expect
      .poll(() => (db.prepare('SELECT state FROM outbox WHERE key = ?').get(key) as { state: string }).state)
      .toBe('delivered');
  } finally {
    db.close();
  }
});

test('a command for a kiosk that is not connected is refused, not lost silently', async ({ server }) => {
  const response = await server.admin('kiosks/kiosk-nowhere/commands', {
    id: randomUUID(),
    by: null,
    action: { type: 'show_message', text: 'Hello' },
  });
  expect(response.status).toBe(409);
});
