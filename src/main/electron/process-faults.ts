import type { App } from 'electron';
import pino from 'pino';
import type { Logger } from '../log/logger';
import { decideChildProcessGone, decideProcessFault, type ProcessFault } from '../policy/main-faults';
import type { AuditEntry } from '../store/audit-log';

type FaultLog = Pick<Logger, 'fatal' | 'error' | 'warn' | 'info'>;

/** Where faults go; main fills these in as they come up, since a fault can come before either exists. */
export interface FaultSinks {
  log: FaultLog;
  /** The store's audit log, so a fault reaches the server through the outbox. */
  audit?: { record(entry: AuditEntry): unknown };
}

/** Writes to standard error until main's own log exists. */
export const consoleFaultLog: FaultLog = pino({ base: null }, pino.destination(2));

/**
 * Answers every error nothing caught in main and every child process Chromium loses. A listener of
 * its own replaces Electron's default, a native "JavaScript error in the main process" dialog that
 * nobody at a kiosk can dismiss.
 */
export function guardMainProcess(
  app: Pick<App, 'on' | 'relaunch' | 'exit'>,
  target: Pick<NodeJS.Process, 'on' | 'uptime'>,
  sinks: FaultSinks,
): { fail(error: unknown): void } {
  const answer = (fault: ProcessFault, error: unknown): void => {
    const decision = decideProcessFault(fault, target.uptime() * 1000);
    const level = decision.action === 'keep_running' ? 'error' : 'fatal';
    sinks.log[level]({ err: error, fault, action: decision.action, reason: decision.reason }, 'main process fault');
    audit(sinks, 'kiosk.main_fault', { fault, action: decision.action, error: errorName(error) });
    if (decision.action === 'keep_running') return;
    flush(sinks.log);
    if (decision.action === 'relaunch') app.relaunch();
    app.exit(1);
  };
  target.on('uncaughtException', (error) => answer('uncaught_exception', error));
  target.on('unhandledRejection', (reason) => answer('unhandled_rejection', reason));

  app.on('child-process-gone', (_event, details) => {
    const decision = decideChildProcessGone(details);
    if (decision.allow) {
      sinks.log.info({ type: details.type, name: details.name }, 'child process exited');
      return;
    }
    sinks.log.error({ ...details, reason: decision.reason }, 'child process gone');
    audit(sinks, 'kiosk.child_process_gone', {
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
      name: details.name ?? null,
    });
  });

  // A failure main's own code cannot go on from (its start) is answered as an uncaught exception.
  return { fail: (error) => answer('uncaught_exception', error) };
}

function audit(sinks: FaultSinks, action: string, detail: Record<string, string | number | null>): void {
  try {
    sinks.audit?.record({ action, actor: 'kiosk', detail });
  } catch (error) {
    sinks.log.error({ err: error, action }, 'could not audit a fault');
  }
}

/** Only the error's kind leaves the kiosk in the audit; its message and stack stay in the local log. */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name.slice(0, 100) : typeof error;
}

/** The log's file stream writes asynchronously; what the fault wrote must be on disk before the exit. */
function flush(log: FaultLog): void {
  const stream = (log as Partial<Record<symbol, { flushSync?: () => void }>>)[pino.symbols.streamSym];
  try {
    stream?.flushSync?.();
  } catch {
    // A stream not opened yet has nothing to flush.
  }
}
