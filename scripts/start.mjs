// `npm start`: build; start the reference visitation server unless KIOSK_SERVER_URL names one;
// then run the Electron kiosk, or the preview host where no Electron binary exists.
// `npm start -- --first-boot`: the same, but the kiosk is not told the server and keeps its data in
// a folder of its own, so it starts as one fresh from the box: on the technician's setup screens.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { demoMediaEnv } from './demo-media-address.mjs';
import { findElectronBinary } from './electron-binary.mjs';
import { startReferenceServer } from './reference-server.mjs';

await import('./build.mjs');

const firstBoot = process.argv.slice(2).includes('--first-boot');
const children = [];
const env = { ...process.env };
if (env.KIOSK_SERVER_URL === undefined) {
  const serverDataDir = env.VISITATION_DATA_DIR ?? '.kiosk-data/server';
  const server = await startReferenceServer(
    { VISITATION_DATA_DIR: serverDataDir, VISITATION_DEMO: '1', ...demoMediaEnv(env) },
    serverConsole(serverDataDir),
  );
  children.push(server.child);
  env.KIOSK_SERVER_URL = server.url;
  // The demo officer is seeded by server/demo/seed.ts.
  console.log(`Officer console: ${server.url}/console (demo officer: staff number 7001, PIN 8642)`);
  env.KIOSK_ENROLMENT_CODE ??= server.enrolmentCode;
}
if (firstBoot) {
  env.KIOSK_DATA_DIR ??= '.kiosk-data/first-boot';
  console.log(
    `First boot: type ${env.KIOSK_SERVER_URL} in the setup's Server step. ` +
      `The setup so far is kept in ${env.KIOSK_DATA_DIR}; delete that folder to start from the beginning again.`,
  );
  // The technician gives the server on the screen; a kiosk told it by its environment never shows setup.
  delete env.KIOSK_SERVER_URL;
  delete env.KIOSK_ENROLMENT_CODE;
}

const electron = findElectronBinary();
if (electron.path === undefined) {
  console.log(`No Electron binary on this machine (${electron.reason}); starting the preview host instead.`);
}
// The preview host has no handset: a simulated one, lifted and hung up through its test-only
// endpoint (the README's curl lines). The Electron host never reads this.
if (electron.path === undefined) env.KIOSK_SIMULATED_HANDSET ??= '1';
// Staff's "restart app" ends the kiosk with this code (src/main/supervisor/restart.ts); on a kiosk
// systemd starts it again, here this script does. Any other end stops everything.
const restartExitCode = 75;

const stop = (signal) => children.forEach((child) => child.exitCode === null && child.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));

function startKiosk() {
  const kiosk =
    electron.path === undefined
      ? spawn(process.execPath, ['out/main/preview.js'], { stdio: 'inherit', env })
      : spawn(electron.path, ['.'], { stdio: 'inherit', env });
  children.push(kiosk);
  kiosk.on('exit', (code, signal) => {
    children.splice(children.indexOf(kiosk), 1);
    if (code === restartExitCode) {
      console.log('The kiosk asked to be restarted; starting it again.');
      startKiosk();
      return;
    }
    stop('SIGTERM');
    process.exitCode = code ?? (signal === null ? 0 : 1);
  });
}
startKiosk();

/** People read the server's log here as lines; its JSON is kept whole beside its data. */
function serverConsole(dataDir) {
  const logFile = join(dataDir, 'logs', 'server.log');
  console.log(`Server log: ${logFile} (JSON lines; shown below as readable lines)`);
  return { logFile };
}
