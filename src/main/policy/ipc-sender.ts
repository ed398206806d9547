import { isAppUrl } from './app-origin';
import { allow, deny, type Decision } from './decision';

export interface IpcSender {
  /** Undefined when the sending frame is gone or was navigated before the message arrived. */
  frameUrl: string | undefined;
  isMainFrame: boolean;
}

/** Only the app's own top-level document speaks the contract; a subframe or stray page never does. */
export function decideIpcSender(sender: IpcSender): Decision {
  if (sender.frameUrl === undefined) return deny('message from a frame that no longer exists');
  if (!sender.isMainFrame) return deny('message from a subframe');
  if (!isAppUrl(sender.frameUrl)) return deny('message from a page outside the app');
  return allow;
}

/**
 * The origins a page this host served can have. A browser reaches a loopback address by its name
 * too, so a host bound to 127.0.0.1 or ::1 is also `localhost` on the same port; any other address
 * has only its own origin.
 */
export function ownSocketOrigins(boundUrl: string): string[] {
  const url = new URL(boundUrl);
  const own = [url.origin];
  if (isLoopbackAddress(url.hostname)) own.push(new URL(`${url.protocol}//localhost:${url.port}`).origin);
  return own;
}

function isLoopbackAddress(hostname: string): boolean {
  return hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * The preview host's equivalent: a browser always sends Origin on a WebSocket handshake, and only
 * pages this host served carry one of its own. Anything else (another site, a script without a
 * page, a name that merely resolves here) is refused.
 */
export function decideSocketOrigin(origin: string | undefined, ownOrigins: readonly string[]): Decision {
  if (origin === undefined) return deny('socket without an Origin header');
  if (!ownOrigins.includes(origin)) return deny(`socket from foreign origin ${origin.slice(0, 100)}`);
  return allow;
}
