import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceServer } from '../../scripts/reference-server.mjs';
import { checkScreen } from './support/screens';
import { startPreviewHost, type PreviewProcess } from './support/preview-process';
import { demo, expect, test } from './support/visitation';

/**
 * The server step over https: the reference server with a self-signed certificate made here, which
 * the kiosk's Node trusts through `NODE_EXTRA_CA_CERTS` as a facility's own authority would be.
 */
let kiosk: PreviewProcess | undefined;
let folder: string | undefined;
let stopServer: (() => Promise<void>) | undefined;
test.afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
  await stopServer?.();
  stopServer = undefined;
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

test('the server step over https shows the certificate’s fingerprint, and refuses a provisioning file whose fingerprint does not match', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  folder = mkdtempSync(join(tmpdir(), 'kiosk-https-'));
  const cert = join(folder, 'cert.pem');
  const key = join(folder, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const fingerprint = new X509Certificate(readFileSync(cert)).fingerprint256;
  const serverData = join(folder, 'server');
  const started = await startReferenceServer(
    {
      VISITATION_PORT: '0',
      VISITATION_DATA_DIR: serverData,
      VISITATION_DEMO: '1',
      VISITATION_TLS_CERT: cert,
      VISITATION_TLS_KEY: key,
    },
    { echo: false },
  );
  stopServer = async () => {
    if (started.child.exitCode !== null) return;
    const exited = new Promise((resolve) => started.child.once('exit', resolve));
    started.child.kill('SIGTERM');
    await exited;
  };
  expect(started.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

  const stick = join(folder, 'stick');
  mkdirSync(stick);
  const wrong = fingerprint.replace(/^[0-9A-F]{2}/, (byte) => (byte === '00' ? '01' : '00'));
  writeFileSync(
    join(stick, 'kiosk-provisioning.json'),
    JSON.stringify({ serverAddress: started.url, certificateFingerprint: wrong, enrolmentCode: demo.enrolmentCode }),
  );
  kiosk = await startPreviewHost({ KIOSK_PROVISIONING_DIR: stick, NODE_EXTRA_CA_CERTS: cert });
  await page.goto(kiosk.url);

  // The file's fingerprint is not the server's: refused, the server's own shown to compare, and the file stops here.
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The server’s certificate is not the one the facility gave.');
  const shown = (await alert.locator('code.fingerprint span').allInnerTexts()).join(':');
  expect(shown).toBe(fingerprint);
  await expect(page.getByRole('note')).toContainText('stopped at the server step');
  await expect(page.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  await checkScreen(page, testInfo, 'setup-server-fingerprint-mismatch-en');

  // Checked again by hand (no fingerprint given): accepted, with the certificate's fingerprint to compare.
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('button', { name: 'Check' }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText(`${started.url} is a visitation server this kiosk works with.`);
  expect((await status.locator('code.fingerprint span').allInnerTexts()).join(':')).toBe(fingerprint);
  await checkScreen(page, testInfo, 'setup-server-https-accepted-en');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Step 2: technician sign-in' })).toBeVisible();
});
