// The demo's media address: Firefox offers no loopback ICE candidates, so a server whose media
// listens on 127.0.0.1 cannot reach a Firefox visitor even on the same machine. The demo listens on
// every interface and tells browsers the machine's first non-internal IPv4 address instead.
import { networkInterfaces } from 'node:os';

/**
 * The media settings `npm start` gives its reference server, none where the operator set either
 * or the machine has no address but loopback (then the server's loopback default stands).
 */
export function demoMediaEnv(env, interfaces = networkInterfaces()) {
  if (env.VISITATION_MEDIA_LISTEN_IP !== undefined || env.VISITATION_MEDIA_ANNOUNCED_IP !== undefined) return {};
  const address = Object.values(interfaces)
    .flat()
    .find((entry) => entry !== undefined && entry.family === 'IPv4' && !entry.internal)?.address;
  return address === undefined ? {} : { VISITATION_MEDIA_LISTEN_IP: '0.0.0.0', VISITATION_MEDIA_ANNOUNCED_IP: address };
}
