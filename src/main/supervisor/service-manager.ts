import type { Logger } from '../log/logger';
import { notifyMessage, type NotifyFields, type NotifyTarget } from './notify-target';

/** What the kiosk tells its service manager; a no-op when none listens. */
export interface ServiceManager {
  /** The window is up: systemd's start job for the unit completes. */
  ready(status: string): void;
  /** The app is quitting on purpose. */
  stopping(): void;
  close(): void;
}

/**
 * `READY=1` once, then `WATCHDOG=1` at half the unit's `WatchdogSec` from a timer on main's event
 * loop: if that loop hangs, the beats stop and systemd restarts the session.
 */
export function startServiceManager(options: {
  target: NotifyTarget | undefined;
  send: (message: string) => void;
  log: Pick<Logger, 'info'>;
  setInterval?: (beat: () => void, ms: number) => { unref?: () => void };
  clearInterval?: (timer: unknown) => void;
}): ServiceManager {
  const { target, send } = options;
  if (target === undefined) return { ready: () => undefined, stopping: () => undefined, close: () => undefined };
  const every = options.setInterval ?? setInterval;
  const clear = options.clearInterval ?? ((timer: unknown) => clearInterval(timer as NodeJS.Timeout));
  const tell = (fields: NotifyFields): void => send(notifyMessage(fields));
  let timer: unknown;
  return {
    ready(status) {
      tell({ ready: true, status });
      if (target.watchdogIntervalMs === undefined || timer !== undefined) return;
      const beat = every(() => tell({ watchdog: true }), target.watchdogIntervalMs);
      beat.unref?.();
      timer = beat;
      options.log.info({ intervalMs: target.watchdogIntervalMs }, 'systemd watchdog beats started');
    },
    stopping() {
      tell({ stopping: true });
    },
    close() {
      if (timer !== undefined) clear(timer);
      timer = undefined;
    },
  };
}
