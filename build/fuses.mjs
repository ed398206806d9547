// The kiosk's Electron fuses: switches compiled into the Electron binary that no command line,
// environment variable or script can flip back once the package is built. Each one is decided here
// (strictlyRequireAllFuses fails the build when an Electron upgrade brings a fuse nobody decided).
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** Every fuse of the wire Electron 45 carries, with the reason for its setting. */
export const kioskFuseDecisions = [
  // `ELECTRON_RUN_AS_NODE=1` would turn the kiosk binary into a plain Node with full system access.
  { fuse: 'RunAsNode', enabled: false },
  // Cookies and local storage on disk encrypted with the OS keyring: a kiosk's disk can be removed.
  // One way: data written encrypted cannot be read once this is off again.
  { fuse: 'EnableCookieEncryption', enabled: true },
  // NODE_OPTIONS could preload code into main (`--require`).
  { fuse: 'EnableNodeOptionsEnvironmentVariable', enabled: false },
  // `--inspect` and friends would open a debugger port into main.
  { fuse: 'EnableNodeCliInspectArguments', enabled: false },
  // Checks app.asar against the hash in the binary. Enforced on Windows and macOS only; on Linux the
  // OS (package signatures, a read-only root) keeps the app intact. On, so Windows kiosks get it.
  { fuse: 'EnableEmbeddedAsarIntegrityValidation', enabled: true },
  // Only resources/app.asar loads: a dropped-in resources/app/ folder cannot replace the app.
  { fuse: 'OnlyLoadAppFromAsar', enabled: true },
  // The kiosk ships no custom V8 snapshot, so there is no browser snapshot file to load.
  { fuse: 'LoadBrowserProcessSpecificV8Snapshot', enabled: false },
  // The app loads from its own `app:` scheme; file: pages get no privileges beyond the web's.
  { fuse: 'GrantFileProtocolExtraPrivileges', enabled: false },
  // V8's WebAssembly trap handlers stay on (Electron's default): bounds checks by guard pages,
  // the way Chrome runs; off only helps hosts with tight virtual memory limits, which a kiosk is not.
  { fuse: 'WasmTrapHandlers', enabled: true },
];

/** The `flipFuses` configuration for the decisions above. */
export function kioskFuseConfig() {
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true };
  for (const { fuse, enabled } of kioskFuseDecisions) config[FuseV1Options[fuse]] = enabled;
  return config;
}

/** The file that carries the fuse wire in a packed app, per platform electron-builder packs for. */
export function fuseBinaryPath({ appOutDir, electronPlatformName, packager }) {
  switch (electronPlatformName) {
    case 'linux':
      return join(appOutDir, packager.executableName);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    default:
      throw new Error(`fuses: no known Electron binary for platform "${electronPlatformName}"`);
  }
}

/** Flips the kiosk's fuses in the binary at `path` and returns the wire read back from it. */
export async function flipKioskFuses(path) {
  await flipFuses(path, kioskFuseConfig());
  return getCurrentFuseWire(path);
}
