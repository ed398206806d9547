/**
 * The renderer's Content-Security-Policy. Scripts and styles come only from the app itself (no
 * eval, no inline script), the page can reach only the visitation server it is provisioned for,
 * and it can embed, frame or post to nothing.
 */
export function contentSecurityPolicy(serverUrl: string | undefined): string {
  const connect = ["'self'", ...(serverUrl === undefined ? [] : serverOrigins(serverUrl))];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "worker-src 'self'",
  ].join('; ');
}

/** socket.io starts over HTTP(S) and upgrades to WebSocket on the same origin. */
function serverOrigins(serverUrl: string): string[] {
  const origin = new URL(serverUrl);
  const socketScheme = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  return [origin.origin, `${socketScheme}//${origin.host}`];
}
