import { appEntryUrl, isAppUrl } from './app-origin';
import { allow, deny, type Decision } from './decision';

/**
 * The renderer is a single page: the only document it may ever hold is the app's entry. Anything
 * else — a link, a redirect, a form, a script assigning location — would be a way out of the kiosk.
 */
export function decideNavigation(url: string): Decision {
  if (!isAppUrl(url)) return deny(`navigation away from the app is refused: ${describeUrl(url)}`);
  const withoutHash = url.split('#', 1)[0];
  if (withoutHash !== appEntryUrl) return deny(`navigation within the app is refused: ${describeUrl(url)}`);
  return allow;
}

/** Popups, new tabs and windows have no place on a kiosk, whatever their target. */
export function decideNewWindow(url: string): Decision {
  return deny(`new windows are refused: ${describeUrl(url)}`);
}

/** The kiosk never saves files on behalf of the person at the screen. */
export function decideDownload(url: string): Decision {
  return deny(`downloads are refused: ${describeUrl(url)}`);
}

/** Scheme and host only: query strings can carry tokens that must not reach the logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.slice(0, 200);
  } catch {
    return '(not a URL)';
  }
}
