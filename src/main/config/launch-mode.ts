/**
 * How the binary was started. `--out-of-service` comes from the session's out-of-service unit once
 * the kiosk has failed for good: then main opens one static page and starts no service at all, so
 * whatever broke the kiosk (its database, the server, a device) cannot break that page too.
 */
export type LaunchMode = 'kiosk' | 'out-of-service';

export function launchMode(argv: readonly string[]): LaunchMode {
  return argv.includes('--out-of-service') ? 'out-of-service' : 'kiosk';
}
