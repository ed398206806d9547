import type { ServerCheckFailure } from '../../shared/contract/setup';
import { decideServerUrl } from '../policy/server-url';

export type ServerAddress =
  { ok: true; url: URL } | { ok: false; reason: Extract<ServerCheckFailure, 'invalid_address' | 'not_secure'> };

/**
 * The server's address as a technician types it on the kiosk: a host name or IP address, with or
 * without a scheme and a port. No scheme means https, the only one a facility's server may use;
 * plain http passes only where `decideServerUrl` allows it (loopback). Anything beyond scheme, host
 * and port (a path, a query, credentials) is refused, since the kiosk finds every endpoint itself.
 */
export function parseServerAddress(typed: string, allowPlainHttp: boolean): ServerAddress {
  const trimmed = typed.trim();
  if (trimmed === '' || /\s/.test(trimmed)) return { ok: false, reason: 'invalid_address' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'invalid_address' };
  }
  const onlyHost =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    // `new URL` accepts `https://a/?` and `https://a/#` with nothing after; a typo all the same.
    !/[?#]/.test(withScheme);
  if (!onlyHost) return { ok: false, reason: 'invalid_address' };
  if (!decideServerUrl(url.href, allowPlainHttp).allow) return { ok: false, reason: 'not_secure' };
  return { ok: true, url };
}
