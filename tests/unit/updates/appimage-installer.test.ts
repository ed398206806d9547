import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appImageInstaller } from '../../../src/main/updates/appimage-installer';

describe('the AppImage installer', () => {
  it('swaps in the verified file, keeps the running one, and rolls back to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appimage-'));
    const appImage = join(dir, 'Visitation-Kiosk.AppImage');
    const update = join(dir, 'downloaded.AppImage');
    writeFileSync(appImage, 'version 1.0.0');
    writeFileSync(update, 'version 1.1.0');
    let restarts = 0;
    const installer = appImageInstaller({
      appImage,
      running: '1.0.0',
      keptDir: join(dir, 'kept'),
      restart: () => (restarts += 1),
    });

    await installer.install(update, '1.1.0');
    expect(readFileSync(appImage, 'utf8')).toBe('version 1.1.0');
    expect(statSync(appImage).mode & 0o111).toBe(0o111);
    expect(restarts).toBe(1);

    await installer.rollBack('1.0.0');
    expect(readFileSync(appImage, 'utf8')).toBe('version 1.0.0');
    expect(restarts).toBe(2);
    await expect(installer.rollBack('0.9.0')).rejects.toThrow(/ENOENT/);
  });
});
