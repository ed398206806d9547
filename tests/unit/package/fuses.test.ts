import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it, vi } from 'vitest';
import afterPack from '../../../build/after-pack.mjs';
import { fuseBinaryPath, kioskFuseDecisions } from '../../../build/fuses.mjs';
import { ELECTRON_DEFAULT_WIRE, standInElectronBinary } from '../../../scripts/stand-in-electron.mjs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An app folder as electron-builder hands it to afterPack, its binary carrying Electron's fuse wire. */
function packedApp(platform: 'linux' | 'win32', wire = ELECTRON_DEFAULT_WIRE) {
  const appOutDir = mkdtempSync(join(tmpdir(), 'kiosk-fuses-'));
  dirs.push(appOutDir);
  const packager = { executableName: 'visitation-kiosk', appInfo: { productFilename: 'Visitation Kiosk' } };
  const context = { appOutDir, electronPlatformName: platform, packager };
  writeFileSync(fuseBinaryPath(context), standInElectronBinary(wire));
  return { context, binary: fuseBinaryPath(context) };
}

const expectedWire = {
  RunAsNode: FuseState.DISABLE,
  EnableCookieEncryption: FuseState.ENABLE,
  EnableNodeOptionsEnvironmentVariable: FuseState.DISABLE,
  EnableNodeCliInspectArguments: FuseState.DISABLE,
  EnableEmbeddedAsarIntegrityValidation: FuseState.ENABLE,
  OnlyLoadAppFromAsar: FuseState.ENABLE,
  LoadBrowserProcessSpecificV8Snapshot: FuseState.DISABLE,
  GrantFileProtocolExtraPrivileges: FuseState.DISABLE,
  WasmTrapHandlers: FuseState.ENABLE,
} as const;

describe('the afterPack fuse hook', () => {
  it("flips Electron's defaults to the kiosk's, as @electron/fuses reads them back", async () => {
    const { context, binary } = packedApp('linux');
    const before = await getCurrentFuseWire(binary);
    expect(before[FuseV1Options.RunAsNode]).toBe(FuseState.ENABLE);
    expect(before[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.DISABLE);

    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await afterPack(context);

    const after = await getCurrentFuseWire(binary);
    for (const [fuse, state] of Object.entries(expectedWire)) {
      expect(after[FuseV1Options[fuse as keyof typeof FuseV1Options]], fuse).toBe(state);
    }
  });

  it('decides every fuse of the wire, each once', () => {
    const decided = kioskFuseDecisions.map((decision) => decision.fuse);
    expect(new Set(decided).size).toBe(decided.length);
    expect(decided.length).toBe(ELECTRON_DEFAULT_WIRE.length);
    expect(decided.sort()).toEqual(Object.keys(expectedWire).sort());
  });

  it("finds a Windows build's binary by its product file name", async () => {
    const { context, binary } = packedApp('win32');
    expect(binary).toBe(join(context.appOutDir, 'Visitation Kiosk.exe'));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await afterPack(context);
    expect((await getCurrentFuseWire(binary))[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
  });

  it('fails the build when an Electron upgrade brings a fuse nobody decided', async () => {
    const { context } = packedApp('linux', `${ELECTRON_DEFAULT_WIRE}1`);
    await expect(afterPack(context)).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('fails the build on a binary with no fuse wire, and on a platform it does not know', async () => {
    const { context, binary } = packedApp('linux');
    writeFileSync(binary, '#!/bin/sh\nexit 0\n');
    await expect(afterPack(context)).rejects.toThrow(/sentinel/);
    expect(() => fuseBinaryPath({ ...context, electronPlatformName: 'aix' })).toThrow(/aix/);
  });
});
