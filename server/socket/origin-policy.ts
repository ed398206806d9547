import type { IncomingMessage } from 'node:http';

/** The Electron kiosk's renderer origin (`app://kiosk/`). */
const kioskAppOrigin = 'app://kiosk';
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Which browser pages may open a socket here. Deny by default: a page from another site could
 * otherwise drive a visit with a visitor code it tricked out of someone. Allowed are requests
 * without an Origin (the kiosk's main process, Node clients), pages the server itself served (the
 * visitor page), the Electron kiosk's `app://kiosk`, and pages on loopback (the preview host a
 * kiosk developer runs next to the browser).
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, tls: boolean): boolean {
  if (origin === undefined) return true;
  if (origin === kioskAppOrigin) return true;
  if (host !== undefined && origin === `${tls ? 'https' : 'http'}://${host}`) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && loopbackHosts.has(url.hostname) && url.origin === origin
  );
}

/** socket.io's `allowRequest`: refuses the transport's first request (HTTP 403) for any other origin. */
export function originGate(tls: boolean, onRefused: (origin: string) => void) {
  return (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void => {
    const { origin, host } = request.headers;
    if (isAllowedOrigin(origin, host, tls)) return callback(null, true);
    onRefused(origin ?? '');
    callback('origin not allowed', false);
  };
}
