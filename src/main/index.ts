import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, Menu, session } from 'electron';
import { launchMode } from './config/launch-mode';
import { loadRuntimeConfig } from './config/runtime-config';
import { registerAppScheme, serveAppScheme } from './electron/app-protocol';
import { attachIpcBridge, forwardEvents } from './electron/ipc-bridge';
import { forwardKeys } from './electron/key-input';
import { createKioskWindow } from './electron/kiosk-window';
import { showOutOfServiceWindow } from './electron/out-of-service-window';
import { keepDisplayAwake } from './electron/power';
import { consoleFaultLog, guardMainProcess, type FaultSinks } from './electron/process-faults';
import { guardSession } from './electron/session-guards';
import { guardWebContents } from './electron/web-contents-guards';
import { createLogger, logFolder } from './log/logger';
import { appOrigin } from './policy/app-origin';
import { contentSecurityPolicy } from './policy/content-security-policy';
import { provisionedMedia } from './policy/permissions';
import { decideDevTools } from './policy/window-lockdown';
import { startKioskRuntime } from './kiosk-runtime';
import { appImageInstaller } from './updates/appimage-installer';
import { logindReboot } from './supervisor/logind-reboot';
import { notifyTarget } from './supervisor/notify-target';
import { restartExitCode } from './supervisor/restart';
import { startServiceManager } from './supervisor/service-manager';
import { SocatNotifier } from './supervisor/socat-notifier';

// The composition root of the Electron host: it wires the plain-Node services to Electron's adapters.
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

// First of all, so that even a bad environment is logged and answered rather than shown in a dialog.
const faults: FaultSinks = { log: consoleFaultLog };
const mainProcess = guardMainProcess(app, process, faults);

const config = loadRuntimeConfig(process.env);
if (config.dataDir !== undefined) app.setPath('userData', config.dataDir);
const devTools = decideDevTools({ requested: config.devTools, packaged: app.isPackaged }).allow;
let quitting = false;
app.on('before-quit', () => (quitting = true));

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(launchMode(process.argv) === 'out-of-service' ? showOutOfService : start)
    .catch(mainProcess.fail);
}

async function start(): Promise<void> {
  const log = await createLogger({ dir: logFolder(app.getPath('userData')), level: config.logLevel });
  faults.log = log;
  if (config.devTools && !devTools) log.warn('KIOSK_DEVTOOLS ignored: this kiosk is packaged');
  // Registered before the window exists, so every contents (including ones nobody meant to open) is guarded.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { devTools, log }));
  // Only an AppImage can replace itself; a deb-installed kiosk updates through the OS's packages.
  const appImage = process.env['APPIMAGE'];
  const restart = (reason: string) => {
    quitting = true;
    log.info({ reason }, 'restarting');
    void runtime.close().finally(() => app.exit(restartExitCode));
  };
  const runtime = await startKioskRuntime({
    host: 'electron',
    dataDir: app.getPath('userData'),
    config,
    appName: app.getName(),
    version: app.getVersion(),
    log,
    // app.exit skips will-quit, so the runtime is closed first; systemd starts the session again.
    restartApp: () => restart('staff request'),
    // Only a Linux kiosk's OS session (systemd-logind, the image's polkit rule) can reboot it.
    ...(process.platform === 'linux' ? { hostReboot: logindReboot() } : {}),
    ...(appImage === undefined
      ? {}
      : {
          updateInstaller: appImageInstaller({
            appImage,
            running: app.getVersion(),
            keptDir: join(app.getPath('userData'), 'updates', 'kept'),
            restart: () => restart('update'),
          }),
        }),
  });
  const { services } = runtime;
  // systemd (the kiosk session's unit) hears READY once the window shows, then watchdog beats.
  const notify = notifyTarget(process.env);
  const notifier = notify === undefined ? undefined : new SocatNotifier(notify.socket, log);
  const serviceManager = startServiceManager({ target: notify, send: (message) => notifier?.send(message), log });
  app.on('before-quit', () => serviceManager.stopping());
  faults.audit = runtime.store.audit;
  app.on('will-quit', () => void runtime.close());

  Menu.setApplicationMenu(null);
  const devices = services.devices;
  guardSession(
    session.defaultSession,
    {
      appOrigin,
      // Read at each question: the device service's choices change as devices are provisioned.
      get media() {
        return provisionedMedia(devices.choices());
      },
    },
    log,
  );
  serveAppScheme(
    session.defaultSession.protocol,
    rendererDir,
    () => contentSecurityPolicy(runtime.link?.serverUrl ?? runtime.store.config.get('serverUrl')),
    log,
  );
  attachIpcBridge(services, log);
  keepDisplayAwake();

  const window = createKioskWindow({ preloadPath, devTools, log, quitting: () => quitting });
  forwardEvents(services, window.webContents);
  forwardKeys(window.webContents, services.keys);
  window.once('ready-to-show', () => serviceManager.ready(`kiosk ${app.getVersion()} shown`));
  app.on('second-instance', () => window.focus());
  // A kiosk with no window is useless; quitting lets the OS supervisor start it again cleanly.
  app.on('window-all-closed', () => app.quit());
  log.info({ version: app.getVersion() }, 'kiosk started');
}

/** The session's last resort (`--out-of-service`): one static page, no services, nothing to fail. */
async function showOutOfService(): Promise<void> {
  const log = await createLogger({ dir: logFolder(app.getPath('userData')), level: config.logLevel });
  faults.log = log;
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { devTools: false, log }));
  Menu.setApplicationMenu(null);
  showOutOfServiceWindow(process.resourcesPath);
  app.on('window-all-closed', () => app.quit());
  log.warn('kiosk out of service: showing the out-of-service page');
}
