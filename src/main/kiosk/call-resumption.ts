import type { Logger } from '../log/logger';
import type { VisitLedgerEntry } from '../store/visit-ledger';
import { finishInterruptedVisits, type InterruptedVisitDeps } from '../visit/visit-sessions';
import type { KioskMachine } from './kiosk-machine';
import type { VisitationService } from './visitation-service';

export interface CallResumptionDeps {
  ledger: InterruptedVisitDeps['ledger'] & { writtenAt(visitId: string): number | undefined };
  enqueue: InterruptedVisitDeps['enqueue'];
  serverNow: () => number;
  /** Absent without a server: every interrupted ledger is closed. */
  service: VisitationService | undefined;
  machine: Pick<KioskMachine, 'resumeCall' | 'callVisitId'>;
  /** Resolves true once the control channel is connected, false if it was not within `timeoutMs`. */
  whenConnected: (timeoutMs: number) => Promise<boolean>;
  /** The longest absence after which the call is taken back; 0 never does. */
  maxAbsentSeconds: number;
  log: Logger;
}

export type Resumption = 'resumed' | 'closed' | 'none';

/**
 * At start, the visit a stopped kiosk left unfinished (the last ledger written) goes back to its call
 * if the server agrees: same inmate's session at this kiosk, the visit still open, and the server
 * heard from the kiosk at most `maxAbsentSeconds` ago by its own clock. Every other unfinished
 * ledger, and this one when the server says no or cannot be reached within the bound, is closed as
 * it stood (`finishInterruptedVisits`).
 *
 * The seconds lost run from the ledger's last write (every second during a call, dated on the
 * server's clock) to the server's answer, both the server's time; a write dated outside the time the
 * server says the kiosk was away (a clock not yet measured when it was written) is replaced by the
 * server's own last word from the kiosk, its last heartbeat, which is at most a heartbeat early.
 */
export async function resumeInterruptedVisit(deps: CallResumptionDeps): Promise<Resumption> {
  const candidate =
    deps.maxAbsentSeconds > 0 && deps.service !== undefined ? deps.ledger.unfinished().at(-1) : undefined;
  finishInterruptedVisits(deps, (visitId) => visitId !== candidate?.visitId);
  if (candidate === undefined) return 'none';
  const { visitId } = candidate;
  const outcome = await tryResume(deps, candidate);
  if (outcome === 'resumed') return outcome;
  // Someone who signed in meanwhile and rejoined this visit carries its ledger on.
  finishInterruptedVisits(deps, (id) => id === visitId && deps.machine.callVisitId() !== visitId);
  return 'closed';
}

async function tryResume(deps: CallResumptionDeps, candidate: VisitLedgerEntry): Promise<Resumption> {
  const { visitId } = candidate;
  const { service, log } = deps;
  if (service === undefined || !(await deps.whenConnected(deps.maxAbsentSeconds * 1000))) return 'closed';
  const answer = await service.resumeVisit(visitId, deps.maxAbsentSeconds);
  if (!answer.ok) {
    log.info({ visitId, reason: answer.reason }, 'the server did not give back the visit the kiosk stopped during');
    return 'closed';
  }
  const writtenAt = deps.ledger.writtenAt(visitId);
  const stoppedAt =
    writtenAt !== undefined && writtenAt >= answer.absentSince && writtenAt <= answer.serverTime
      ? writtenAt
      : answer.absentSince;
  const lostMs = answer.serverTime - stoppedAt;
  if (!deps.machine.resumeCall(visitId, answer, { lostMs, stoppedAt: new Date(stoppedAt).toISOString() })) {
    void service.signOut(answer.session.token);
    return 'closed';
  }
  log.warn({ visitId, lostMs }, 'went back into the visit the kiosk stopped during');
  return 'resumed';
}
