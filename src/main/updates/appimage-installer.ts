import { chmod, copyFile, mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { UpdateInstaller } from './update-service';

export interface AppImageInstallerOptions {
  /** The AppImage the kiosk runs from (`$APPIMAGE`); the kiosk session's unit starts this path. */
  appImage: string;
  /** The version running now, kept under `keptDir` before it is replaced. */
  running: string;
  keptDir: string;
  /** Closes the runtime and exits so the kiosk session's supervisor starts the (new) package. */
  restart: () => void;
}

/**
 * Installs an AppImage update by swapping the file the kiosk session starts: the running version is
 * copied aside first (a rollback copies it back), the new file is copied next to the target and
 * renamed over it, so a power cut leaves one whole AppImage or the other. The restart is the host's.
 */
export function appImageInstaller(options: AppImageInstallerOptions): UpdateInstaller {
  const kept = (version: string) => join(options.keptDir, `${version}.AppImage`);
  const replaceWith = async (source: string): Promise<void> => {
    const staged = join(dirname(options.appImage), `.${Date.now()}.update`);
    await copyFile(source, staged);
    await chmod(staged, 0o755);
    await rename(staged, options.appImage);
  };
  return {
    install: async (path) => {
      await mkdir(options.keptDir, { recursive: true });
      await copyFile(options.appImage, kept(options.running));
      await replaceWith(path);
      options.restart();
    },
    rollBack: async (to) => {
      await replaceWith(kept(to));
      options.restart();
    },
  };
}
