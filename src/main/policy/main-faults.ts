import { allow, deny, type Decision } from './decision';

export type ProcessFault = 'uncaught_exception' | 'unhandled_rejection';

export type FaultAnswer =
  | { action: 'keep_running'; reason: string }
  | { action: 'relaunch'; reason: string }
  | { action: 'exit'; reason: string };

/** A main process that fails this soon after starting fails in its start; relaunching it would loop. */
export const startupGraceMs = 10_000;

/**
 * What main does about an error nothing caught. A rejected promise leaves no half-done synchronous
 * work behind, and the service that made it reports its own failure, so the kiosk keeps running.
 * An exception that unwound the stack may have left any state half-changed (Node's own advice is
 * not to resume), so main starts again, which a kiosk's person sees as a short reload; during its
 * start it exits instead and leaves the back-off to the OS supervisor.
 */
export function decideProcessFault(fault: ProcessFault, uptimeMs: number): FaultAnswer {
  if (fault === 'unhandled_rejection') {
    return { action: 'keep_running', reason: 'a rejected promise leaves no half-done state' };
  }
  if (uptimeMs < startupGraceMs) {
    return { action: 'exit', reason: 'failed while starting; the OS supervisor restarts it with back-off' };
  }
  return { action: 'relaunch', reason: 'state after an uncaught exception is unknown' };
}

/** The part of Electron's `child-process-gone` details the decision reads. */
export interface ChildProcessGone {
  type: string;
  reason: string;
}

/**
 * Chromium starts its GPU and utility processes (audio, network, video capture) again on demand, so
 * main only records a loss; a clean exit is Chromium's own housekeeping. The renderer's loss is
 * `RendererRecovery`'s.
 */
export function decideChildProcessGone(gone: ChildProcessGone): Decision {
  if (gone.reason === 'clean-exit') return allow;
  return deny(`${gone.type.slice(0, 40)} process gone: ${gone.reason.slice(0, 40)}`);
}
