import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuntimeConfig } from '../config/runtime-config';
import { createLogger, logFolder } from '../log/logger';
import { startKioskRuntime } from '../kiosk-runtime';
import { restartExitCode } from '../supervisor/restart';
import { SimulatedHookSource } from '../devices/handset/simulated-hook-source';
import { startPreviewHost } from './preview-host';
import { startSimulatedHandsetEndpoint } from './simulated-handset-endpoint';

// Entry point of the preview host: the kiosk's main services under plain Node.
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  productName: string;
  version: string;
};

const config = loadRuntimeConfig(process.env);
// Without a provisioned data folder the preview keeps its files beside the checkout, never in $HOME.
const dataDir = resolve(config.dataDir ?? '.kiosk-data');
const log = await createLogger({ dir: logFolder(dataDir), level: config.logLevel });
const simulatedHandset = config.simulatedHandset === undefined ? undefined : new SimulatedHookSource();
const runtime = await startKioskRuntime({
  host: 'preview',
  ...(simulatedHandset === undefined ? {} : { hookSource: simulatedHandset }),
  dataDir,
  config,
  appName: packageJson.productName,
  version: packageJson.version,
  log,
  restartApp: () => {
    log.info('restarting on staff request');
    shutdown(restartExitCode);
  },
});
const host = await startPreviewHost({
  services: runtime.services,
  rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  host: config.previewHost,
  port: config.previewPort,
  serverUrl: () => runtime.link?.serverUrl ?? runtime.store.config.get('serverUrl'),
  log,
});
log.info({ url: host.url }, 'preview host started');
process.stdout.write(`Kiosk preview: open ${host.url} in a browser\n`);
const handsetEndpoint =
  simulatedHandset === undefined || config.simulatedHandset === undefined
    ? undefined
    : await startSimulatedHandsetEndpoint(simulatedHandset, config.simulatedHandset.port, log);
if (handsetEndpoint !== undefined) {
  log.info({ url: handsetEndpoint.url }, 'simulated handset listening');
  process.stdout.write(`Simulated handset: curl -X POST ${handsetEndpoint.url}/lift (or /hang-up, /mute, /unplug)\n`);
}

function shutdown(exitCode = 0): void {
  void Promise.all([host.close(), handsetEndpoint?.close()])
    .then(() => runtime.close())
    .then(() => process.exit(exitCode));
}
process.once('SIGINT', () => shutdown());
process.once('SIGTERM', () => shutdown());
