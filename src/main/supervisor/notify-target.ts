import { z } from 'zod';

/**
 * Where systemd wants to hear from the kiosk (`sd_notify`): the datagram socket in `$NOTIFY_SOCKET`
 * and, when the unit has `WatchdogSec=`, how often it must hear `WATCHDOG=1`. The app runs under
 * cage, not as the unit's main process, so `WATCHDOG_PID` names cage and is not compared here
 * (`NotifyAccess=all` in the unit accepts the app's datagrams).
 */
export interface NotifyTarget {
  /** An absolute socket path, or `@name` for a socket in the abstract namespace. */
  socket: string;
  /** Half of `WATCHDOG_USEC`, as systemd recommends; undefined when the unit has no watchdog. */
  watchdogIntervalMs: number | undefined;
}

const notifyEnvSchema = z.object({
  NOTIFY_SOCKET: z
    .string()
    .regex(/^(\/|@)[^\0\n]{1,107}$/, 'an absolute unix socket path, or @name for an abstract socket')
    .optional(),
  WATCHDOG_USEC: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'a positive number of microseconds')
    .transform(Number)
    .optional(),
});

/** Undefined when no service manager listens (a developer's `npm start`, the tests). */
export function notifyTarget(env: NodeJS.ProcessEnv): NotifyTarget | undefined {
  const parsed = notifyEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid service manager environment: ${problems.join('; ')}`);
  }
  const { NOTIFY_SOCKET: socket, WATCHDOG_USEC: watchdogUsec } = parsed.data;
  if (socket === undefined) return undefined;
  return { socket, watchdogIntervalMs: watchdogUsec === undefined ? undefined : Math.floor(watchdogUsec / 2000) };
}

/** The notify protocol's fields the kiosk sends. */
export interface NotifyFields {
  ready?: true;
  watchdog?: true;
  stopping?: true;
  /** One line shown by `systemctl status`. */
  status?: string;
}

/** One datagram: newline-separated `KEY=value` lines. */
export function notifyMessage(fields: NotifyFields): string {
  const lines: string[] = [];
  if (fields.ready) lines.push('READY=1');
  if (fields.stopping) lines.push('STOPPING=1');
  if (fields.watchdog) lines.push('WATCHDOG=1');
  if (fields.status !== undefined) lines.push(`STATUS=${fields.status.replace(/[\r\n]+/g, ' ')}`);
  if (lines.length === 0) throw new Error('a notify message needs at least one field');
  return `${lines.join('\n')}\n`;
}
