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
 * The preview host's equivalent: a browser always sends Origin on a WebSocket handshake, and only
 * pages this host served carry its own. Anything else (another site, a script without a page) is refused.
 */
export function decideSocketOrigin(origin: string | undefined, ownOrigin: string): Decision {
  if (origin === undefined) return deny('socket without an Origin header');
  if (origin !== ownOrigin) return deny(`socket from foreign origin ${origin.slice(0, 100)}`);
  return allow;
}
