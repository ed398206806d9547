import { allow, deny, type Decision } from './decision';

/** A name or address that cannot leave this machine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * May the kiosk talk to this visitation server? Only over https: the token, PINs and media tickets
 * cross that connection. Plain http only on loopback (a server on this machine), or where the
 * environment says the network is a test network of the project's own (`KIOSK_ALLOW_PLAIN_HTTP=1`).
 */
export function decideServerUrl(url: string, allowPlainHttp: boolean): Decision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return deny('the visitation server URL is not a URL');
  }
  if (parsed.protocol === 'https:') return allow;
  if (parsed.protocol !== 'http:') return deny(`the visitation server URL must be https, not ${parsed.protocol}`);
  if (isLoopback(parsed.hostname) || allowPlainHttp) return allow;
  return deny(`refusing plain http to ${parsed.host}: the visitation server must use https except on loopback`);
}
