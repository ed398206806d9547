// electron-builder's afterPack hook: the packed app's Electron binary gets the kiosk's fuses before
// any target (deb, AppImage, nsis) wraps it, and the build fails if the wire does not read back so.
import { FuseState, FuseV1Options } from '@electron/fuses';
import { flipKioskFuses, fuseBinaryPath, kioskFuseDecisions } from './fuses.mjs';

export default async function afterPack(context) {
  const binary = fuseBinaryPath(context);
  const wire = await flipKioskFuses(binary);
  for (const { fuse, enabled } of kioskFuseDecisions) {
    const expected = enabled ? FuseState.ENABLE : FuseState.DISABLE;
    if (wire[FuseV1Options[fuse]] !== expected) throw new Error(`fuses: ${fuse} did not stick in ${binary}`);
  }
  console.log(`  • fuses set in ${binary}`);
}
