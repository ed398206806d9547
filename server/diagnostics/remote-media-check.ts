import { randomUUID } from 'node:crypto';
import type { MediaCheckOutcome } from '../../src/shared/protocol/console';
import type { StaffActor } from '../../src/shared/protocol/staff';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { KioskLinks } from '../control/control-namespace';
import type { Logger } from '../log';
import type { Db } from '../store/database';

export interface RemoteMediaChecks {
  /** Asks the kiosk to run its check now, keeps the result as its last, and audits the request and its outcome. */
  run(kioskId: string, by: StaffActor | null): Promise<MediaCheckOutcome>;
}

/**
 * The console's network and media check: the request reaches the kiosk over the control channel
 * and the kiosk answers once it has judged and stored the check. An offline kiosk is said to be
 * offline at once; a busy one refuses with why. The audit's detail carries the figures, so the
 * audit log tells the check's story without the kiosk's own entry having arrived yet.
 */
export function createRemoteMediaChecks(deps: {
  db: Db;
  kioskLinks: Pick<KioskLinks, 'runMediaCheck'>;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  /** The console shows the new result on the kiosk's card. */
  onKioskChanged: (kioskId: string) => void;
}): RemoteMediaChecks {
  const { audit, clock, log } = deps;
  const keep = deps.db.prepare<[string, string]>('UPDATE kiosks SET last_media_check = ? WHERE id = ?');

  return {
    async run(kioskId, by) {
      const id = randomUUID();
      const askedAt = clock.now();
      const who = { place: by?.where ?? ('server' as const), staffId: by?.staffId ?? null, kioskId };
      const record = (outcome: string, detail: Record<string, string | number | null> = {}) =>
        audit.record({ ...who, action: 'media_check.run', outcome, detail: { requestId: id, ...detail } });
      record('given');
      const answer = await deps.kioskLinks.runMediaCheck(kioskId, { id, by });
      if (!answer.ok) {
        const offline = answer.error.code === 'disconnected';
        if (!offline) log.warn({ kioskId, requestId: id, code: answer.error.code }, 'network check not answered');
        record(offline ? 'offline' : 'failed');
        return { status: offline ? 'offline' : 'failed' };
      }
      const outcome = answer.result;
      if (outcome.status === 'refused') {
        record('refused', { reason: outcome.reason });
        return outcome;
      }
      const { result } = outcome;
      keep.run(JSON.stringify(result), kioskId);
      const consoleMs = clock.now() - askedAt;
      record(
        result.ok ? 'passed' : 'failed_check',
        result.ok
          ? {
              mediaPath: result.path,
              roundTripMs: result.roundTripMs,
              packetLossPercent: result.packetLossPercent,
              videoBitrateKbps: result.videoBitrateKbps,
              mediaCheckMs: result.durationMs,
              consoleMs,
            }
          : { failure: result.failure, consoleMs },
      );
      log.info({ kioskId, requestId: id, ok: result.ok, consoleMs }, 'network check answered');
      deps.onKioskChanged(kioskId);
      return outcome;
    },
  };
}
