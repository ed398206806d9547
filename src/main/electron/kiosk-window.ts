import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { appEntryUrl } from '../policy/app-origin';
import { RendererRecovery } from '../kiosk/renderer-recovery';
import type { Logger } from '../log/logger';
import { decideWindowClose, kioskZoomFactor } from '../policy/window-lockdown';

export function kioskWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    frame: false,
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#0b1b2b',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools,
      zoomFactor: kioskZoomFactor,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A middle click is a new-window request; refused anyway, and never even raised.
      disableBlinkFeatures: 'Auxclick',
      // The visitor's voice must play without a click on the video element.
      autoplayPolicy: 'no-user-gesture-required',
    },
  };
}

/**
 * The kiosk's one window. Main outlives its renderer: when the renderer dies or hangs it is reloaded
 * and asks main for the current state, so the person at the screen sees the kiosk come back by itself.
 */
export function createKioskWindow(options: {
  preloadPath: string;
  /** Already decided by `decideDevTools`. */
  devTools: boolean;
  log: Logger;
  /** True once the app has begun to quit, when the window may close. */
  quitting: () => boolean;
  now?: () => number;
}): BrowserWindow {
  const { log } = options;
  const window = new BrowserWindow(kioskWindowOptions(options.preloadPath, options.devTools));
  window.removeMenu();
  window.once('ready-to-show', () => window.show());

  const recovery = new RendererRecovery(options.now ?? Date.now);
  const contents = window.webContents;
  const reloadLater = (why: string): void => {
    const delayMs = recovery.recordFailure();
    log.error({ why, delayMs }, 'renderer lost; reloading');
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(appEntryUrl);
    }, delayMs);
  };
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') reloadLater(`render process gone: ${details.reason}`);
  });
  contents.on('unresponsive', () => {
    log.error('renderer unresponsive; crashing it to recover');
    contents.forcefullyCrashRenderer();
  });
  contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (isMainFrame) reloadLater(`load failed: ${code} ${description}`);
  });

  holdKioskShape(window, options);

  void window.loadURL(appEntryUrl);
  return window;
}

/** The window stays open, fullscreen and at its designed size whatever the OS, a gesture or a wheel asks. */
function holdKioskShape(window: BrowserWindow, options: { log: Logger; quitting: () => boolean }): void {
  const { log } = options;
  const contents = window.webContents;
  window.on('close', (event) => {
    const decision = decideWindowClose({ quitting: options.quitting() });
    if (decision.allow) return;
    event.preventDefault();
    log.warn({ reason: decision.reason }, 'refused window close');
  });
  window.on('leave-full-screen', () => {
    log.warn('window left fullscreen; entering it again');
    window.setKiosk(true);
    window.setFullScreen(true);
  });
  const holdZoom = (): void => {
    contents.setZoomFactor(kioskZoomFactor);
    contents.setVisualZoomLevelLimits(1, 1).catch((error: unknown) => log.warn({ err: error }, 'could not hold zoom'));
  };
  contents.on('zoom-changed', (_event, direction) => {
    log.info({ direction }, 'refused zoom');
    holdZoom();
  });
  contents.on('did-finish-load', holdZoom);
}
