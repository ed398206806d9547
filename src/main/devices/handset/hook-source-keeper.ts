import type { Logger } from '../../log/logger';
import type { Timer } from '../../store/timer';
import { HandsetUnavailableError } from './hid-hook-source';
import type { HookSource } from './hook-source';

/** How often a missing handset is looked for again: node-hid has no hot-plug events to wait on. */
export const hookSourceRetryMs = 5000;

export interface HookSourceKeeperOptions {
  /** Opens the provisioned source (`openHookSource` with its configuration); null for none. */
  open: () => Promise<HookSource | null>;
  /** Where each opened source goes: the handset service. */
  attach: (source: HookSource) => void;
  timer: Timer;
  log: Logger;
  retryMs?: number;
}

/**
 * Keeps the provisioned hook source open for as long as the kiosk runs: opens it at start, and
 * after a failed open or a handset that went away (unplugged, a read error) tries again every few
 * seconds, so a handset plugged back in works without a restart. A reason is logged when it
 * changes, not at every try. Returns the stop, which closes nothing it did not open.
 */
export function keepHookSourceOpen(options: HookSourceKeeperOptions): () => void {
  const retryMs = options.retryMs ?? hookSourceRetryMs;
  let stopped = false;
  let retry: unknown;
  let lastReason: string | undefined;

  const scheduleRetry = (reason: string): void => {
    if (stopped) return;
    if (reason !== lastReason) options.log.warn({ reason, retryMs }, 'no handset hook switch; trying again');
    lastReason = reason;
    retry = options.timer.setTimeout(() => void tryOpen(), retryMs);
  };

  const tryOpen = async (): Promise<void> => {
    let source: HookSource | null;
    try {
      source = await options.open();
    } catch (error) {
      if (!(error instanceof HandsetUnavailableError)) options.log.error({ err: error }, 'opening the handset failed');
      scheduleRetry(error instanceof Error ? error.message : String(error));
      return;
    }
    if (source === null) return;
    if (stopped) {
      source.close();
      return;
    }
    if (lastReason !== undefined) options.log.info({ source: source.kind }, 'handset hook switch found');
    lastReason = undefined;
    source.on('gone', (reason) => scheduleRetry(`gone: ${reason}`));
    options.attach(source);
  };

  void tryOpen();
  return () => {
    stopped = true;
    options.timer.clearTimeout(retry);
  };
}
