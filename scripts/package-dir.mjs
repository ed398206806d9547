// `npm run package:dir`: the unpacked Linux package (dist/linux-unpacked/) with electron-builder.
// Uses the electron package's own distribution when it has one; otherwise a stand-in (see
// stand-in-electron.mjs), because Electron's download host cannot be reached from every machine.
// `--no-build` packs the existing out/; `--output DIR` writes somewhere other than dist/.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findElectronBinary } from './electron-binary.mjs';
import { writeStandInElectron } from './stand-in-electron.mjs';

const { values } = parseArgs({
  options: { 'no-build': { type: 'boolean', default: false }, output: { type: 'string', default: 'dist' } },
});
const output = resolve(values.output);

const electron = findElectronBinary();
const electronDist =
  electron.path !== undefined ? dirname(electron.path) : writeStandInElectron(join(output, '.electron-stand-in'));
if (electron.path === undefined) console.log(`package:dir: ${electron.reason}; using a stand-in in ${electronDist}`);

const steps = [
  ['npx', ['electron-builder', '--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`]],
];
if (!values['no-build']) steps.unshift(['npm', ['run', '--silent', 'build']]);
for (const [command, args] of steps) {
  const { status, error } = spawnSync(command, args, { stdio: 'inherit' });
  if (error !== undefined) throw error;
  if (status !== 0) process.exit(status ?? 1);
}
