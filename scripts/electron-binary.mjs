// Where the electron package's binary is, or why there is none. Looked up the way the package's own
// index.js does, but without its fallback download, which blocks for a while and fails on machines
// that cannot reach Electron's release host.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

export function findElectronBinary() {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path =
    override !== undefined && override !== ''
      ? join(override, executable ?? 'electron')
      : executable === undefined
        ? undefined
        : join(packageDir, 'dist', executable);
  if (path !== undefined && existsSync(path)) return { path };
  return { reason: 'the electron package was installed without its binary' };
}
