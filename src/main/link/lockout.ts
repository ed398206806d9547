/**
 * A lockout or throttle refusal as the person at the kiosk sees it: wait until `retryAt`, then try
 * again. Inmate and staff sign-in read the server's `retryAfterSeconds` the same way.
 */
export function lockedOutFailure(now: number, retryAfterSeconds: number | undefined) {
  return { reason: 'locked_out', retryAt: new Date(now + (retryAfterSeconds ?? 60) * 1000).toISOString() } as const;
}
