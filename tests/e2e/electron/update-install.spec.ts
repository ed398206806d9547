import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';
import { demo } from '../../../server/demo/seed';
import { startTestServer } from '../../../server/test-support/test-server';
import { feedFileOf } from '../../../src/shared/protocol/updates';
import { publish } from '../../unit/updates/publish';

const binary = findElectronBinary();

test.skip(binary.path === undefined, `no Electron binary on this machine: ${binary.reason}`);

test('an update on the feed installs on the idle attract screen: the package is swapped, the old one kept, the app restarts', async () => {
  const feedDir = mkdtempSync(join(tmpdir(), 'update-feed-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-data-'));
  const server = await startTestServer({ updatesDir: feedDir });
  // The package the kiosk session starts; the Electron host swaps it as an AppImage update does.
  const appImage = join(mkdtempSync(join(tmpdir(), 'kiosk-package-')), 'Visitation-Kiosk.AppImage');
  writeFileSync(appImage, '#!/bin/sh\nexit 0\n');
  const release = publish(feedDir, feedFileOf.stable, '99.0.0', { size: 64 * 1024 });
  const app = await electron.launch({
    executablePath: binary.path,
    args: ['.'],
    env: {
      ...process.env,
      APPIMAGE: appImage,
      KIOSK_DATA_DIR: dataDir,
      KIOSK_SERVER_URL: server.url,
      KIOSK_ENROLMENT_CODE: demo.enrolmentCode,
      KIOSK_ALLOW_PLAIN_HTTP: '1',
      KIOSK_UPDATE_IDLE_SECONDS: '2',
    },
  });
  const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()));
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
    await expect.poll(() => readFileSync(appImage).equals(release.bytes), { timeout: 90_000 }).toBe(true);
    await exited;
    const state = JSON.parse(readFileSync(join(dataDir, 'updates', 'update-state.json'), 'utf8')) as { phase: unknown };
    expect(state.phase).toMatchObject({ kind: 'installing', version: '99.0.0' });
    expect(existsSync(join(dataDir, 'updates', 'kept'))).toBe(true);
  } finally {
    await app.close().catch(() => {});
    await server.dispose();
  }
});
