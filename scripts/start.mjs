// `npm start`: build, then run the Electron kiosk, or the preview host where no Electron binary exists.
import { spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary.mjs';

await import('./build.mjs');

const electron = findElectronBinary();
const [command, args] =
  electron.path !== undefined ? [electron.path, ['.']] : [process.execPath, ['out/main/preview.js']];
if (electron.path === undefined) {
  console.log(`No Electron binary on this machine (${electron.reason}); starting the preview host instead.`);
}

const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
