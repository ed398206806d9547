import { allow, deny, type Decision } from './decision';

/** The page is drawn at its designed size; Ctrl+wheel or a pinch never changes it. */
export const kioskZoomFactor = 1;

/**
 * DevTools open a console into main's contract and the page's memory: only on a developer's
 * unpackaged build, and only when asked for. A packaged kiosk refuses them whatever its environment says.
 */
export function decideDevTools(options: { requested: boolean; packaged: boolean }): Decision {
  if (options.packaged) return deny('DevTools are never available in a packaged kiosk');
  if (!options.requested) return deny('DevTools were not asked for (KIOSK_DEVTOOLS=1)');
  return allow;
}

/**
 * The kiosk's one window closes only when the app quits (update, supervisor stop); a close from the
 * window manager or the OS would leave a blank screen on the wall.
 */
export function decideWindowClose(options: { quitting: boolean }): Decision {
  return options.quitting ? allow : deny('the kiosk window closes only when the app quits');
}
