import { join } from 'node:path';
import { BrowserWindow } from 'electron';

/**
 * The out-of-service screen: a full-screen window on the static page in the package's resources,
 * with no preload, no script and DevTools off; the web-contents guards refuse any navigation away.
 */
export function showOutOfServiceWindow(resourcesPath: string): BrowserWindow {
  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    frame: false,
    backgroundColor: '#1b1f24',
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      devTools: false,
      webSecurity: true,
      spellcheck: false,
      navigateOnDragDrop: false,
      // A middle click is a new-window request; refused anyway, and never even raised.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.removeMenu();
  void window.loadFile(join(resourcesPath, 'out-of-service', 'index.html'));
  return window;
}
