import type { WebContents } from 'electron';
import { decideKeyInput } from '../policy/keyboard';
import { decideNavigation, decideNewWindow } from '../policy/navigation';
import type { Logger } from '../log/logger';

/**
 * Applied to every WebContents the app creates. Each refusal asks the policy first so the reason
 * is logged; the adapter itself decides nothing.
 */
export function guardWebContents(contents: WebContents, options: { devTools: boolean; log: Logger }): void {
  const { log } = options;

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideNewWindow(url);
    if (!decision.allow) log.warn({ reason: decision.reason }, 'refused new window');
    return { action: 'deny' };
  });

  const refuseNavigation = (event: { preventDefault(): void }, url: string, what: string): void => {
    const decision = decideNavigation(url);
    if (decision.allow) return;
    event.preventDefault();
    log.warn({ reason: decision.reason }, `refused ${what}`);
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url, 'navigation'));
  contents.on('will-frame-navigate', (event) => refuseNavigation(event, event.url, 'frame navigation'));
  contents.on('will-redirect', (event) => refuseNavigation(event, event.url, 'redirect'));

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('refused webview');
  });

  contents.on('before-input-event', (event, input) => {
    if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return;
    const decision = decideKeyInput(input, { devTools: options.devTools });
    if (decision.allow) return;
    event.preventDefault();
    log.info({ reason: decision.reason }, 'blocked key');
  });

  contents.on('context-menu', (event) => event.preventDefault());

  // Bluetooth's picker is a page's own request to pair; like the HID, serial and USB pickers in the
  // session's guards, it stays closed until device provisioning decides otherwise.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
    log.warn('refused Bluetooth device picker');
  });
}
