import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { getCurrentFuseWire, FuseState, FuseV1Options } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Packs the built out/ the way `npm run package:dir` does (electron-builder --linux dir, the afterPack
// fuse hook included) into a temporary folder, then reads what a kiosk would receive.
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
let output: string;
let unpacked: string;
let asarPath: string;
let entries: string[];

beforeAll(() => {
  if (!existsSync('out/main/index.js')) throw new Error('out/ is not built: run `npm run build` first');
  output = mkdtempSync(join(tmpdir(), 'kiosk-package-'));
  const run = spawnSync('node', ['scripts/package-dir.mjs', '--no-build', '--output', output], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`package:dir failed:\n${run.stdout}\n${run.stderr}`);
  unpacked = join(output, 'linux-unpacked');
  asarPath = join(unpacked, 'resources', 'app.asar');
  entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.replace(/^[/\\]/, ''));
}, 180_000);

afterAll(() => {
  if (output !== undefined) rmSync(output, { recursive: true, force: true });
});

const topLevelPackages = (): Set<string> =>
  new Set(
    entries
      .filter((entry) => entry.startsWith('node_modules/'))
      .map((entry) => entry.split('/'))
      .map((parts) => (parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]))
      .filter((name): name is string => name !== undefined && !name.startsWith('.')),
  );

describe('the packed app.asar', () => {
  it('holds only the built output, package.json and node_modules at its top', () => {
    const top = new Set(entries.map((entry) => entry.split('/')[0]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const outParts = new Set(entries.filter((e) => e.startsWith('out/')).map((e) => e.split('/')[1]));
    expect([...outParts].sort()).toEqual(['main', 'preload', 'renderer']);
  });

  it('carries no tests, no sources, no source maps and no TypeScript', () => {
    // Outside node_modules only out/ is packed (previous test); inside, no package's tests either.
    expect(entries.filter((entry) => /(^|\/)(tests?|__tests__)(\/|$)/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /\.(map|ts|cts|mts|tsx)$/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /\.(c|cc|cpp|h|hpp|gyp|gypi)$/.test(entry))).toEqual([]);
  });

  it('carries every runtime dependency and no development dependency', () => {
    const packages = topLevelPackages();
    for (const name of Object.keys(packageJson.dependencies)) expect(packages, name).toContain(name);
    const dev = Object.keys(packageJson.devDependencies).filter((name) => packages.has(name));
    expect(dev).toEqual([]);
    for (const name of ['electron', 'electron-builder', 'vite', 'react', 'mediasoup', 'typescript']) {
      expect(packages.has(name), name).toBe(false);
    }
  });

  it('keeps the Linux Node-API prebuilds unpacked, where Electron can load them, and no other OS', () => {
    const prebuilds = entries.filter((entry) =>
      /\/prebuilds\/[^/]+\.node$|\/prebuilds\/[^/]+\/[^/]+\.node$/.test(entry),
    );
    expect(prebuilds).toContain('node_modules/better-sqlite3/prebuilds/linux-x64.node');
    expect(prebuilds).toContain('node_modules/better-sqlite3/prebuilds/linux-arm64.node');
    expect(prebuilds.some((entry) => entry.startsWith('node_modules/node-hid/prebuilds/HID_hidraw-linux-x64/'))).toBe(
      true,
    );
    expect(prebuilds.filter((entry) => /win32|darwin/.test(entry))).toEqual([]);
    for (const entry of prebuilds) {
      expect(statFile(asarPath, entry), entry).toHaveProperty('unpacked', true);
      expect(existsSync(join(`${asarPath}.unpacked`, entry)), entry).toBe(true);
    }
  });

  it('starts at the built main and keeps the package name and version', () => {
    const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(packed).toMatchObject({ main: 'out/main/index.js', name: 'visitation-kiosk' });
    expect(entries).toContain('out/main/index.js');
    expect(entries).toContain('out/preload/index.cjs');
    expect(entries).toContain('out/renderer/index.html');
  });
});

describe('the unpacked Linux package around it', () => {
  it('ships the kiosk session files and the out-of-service page as resources', () => {
    const resources = join(unpacked, 'resources');
    for (const file of [
      'kiosk-session/systemd/visitation-kiosk.service',
      'kiosk-session/systemd/visitation-kiosk-out-of-service.service',
      'kiosk-session/logind.conf.d/visitation-kiosk.conf',
      'out-of-service/index.html',
    ]) {
      expect(existsSync(join(resources, file)), file).toBe(true);
    }
  });

  it('has its fuses flipped by the afterPack hook', async () => {
    const binary = join(unpacked, 'visitation-kiosk');
    expect(statSync(binary).mode & 0o111).not.toBe(0);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });
});
