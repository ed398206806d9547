// A folder that stands in for Electron's Linux distribution where the real one cannot be downloaded,
// so electron-builder can lay out the package (`--linux dir`) and the afterPack hook can flip fuses.
// Its `electron` is a shell script that says what it is, followed by the fuse sentinel and the wire
// Electron 45 ships with; it runs no app.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Fuse wire version 1, nine fuses as Electron 45 sets them (RunAsNode ... WasmTrapHandlers).
export const ELECTRON_DEFAULT_WIRE = '101100011';

/** A file carrying Electron's fuse sentinel and wire the way the real binary does. */
export function standInElectronBinary(wire = ELECTRON_DEFAULT_WIRE) {
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: no app runs here" >&2\nexit 1\n');
  const fuses = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire)]);
  return Buffer.concat([script, fuses, Buffer.from('\n')]);
}

/** Writes the stand-in distribution into `dir` and returns `dir`. */
export function writeStandInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), standInElectronBinary());
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (MIT).\n');
  writeFileSync(join(dir, 'version'), '45.4.1');
  return dir;
}
