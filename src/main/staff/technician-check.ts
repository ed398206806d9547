import type { MediaCheckResult } from '../../shared/contract/media-check';
import type { Store } from '../store/store';

/** Who ran a check: the audit's actor (`technician:<id>`, `staff:<id>`, `server`), and from where. */
export interface MediaCheckBy {
  actor: string;
  where: 'kiosk' | 'console';
  /** The console's request, so the kiosk's audit entry and the server's name the same check. */
  requestId?: string;
}

/**
 * A network and media check in service (a technician's at the panel, or the console's), kept as
 * the kiosk's last check (diagnostics report it) and audited with its figures, in one transaction.
 */
export function recordMediaCheck(
  store: Pick<Store, 'config' | 'audit' | 'atomically'>,
): (result: MediaCheckResult, by: MediaCheckBy) => void {
  return (result, { actor, where, requestId }) =>
    store.atomically(() => {
      store.config.set({ mediaCheck: result });
      store.audit.record({
        action: 'kiosk.media_checked',
        actor,
        detail: {
          where,
          ...(requestId === undefined ? {} : { requestId }),
          ...(result.ok
            ? {
                outcome: 'passed',
                mediaPath: result.path,
                roundTripMs: result.roundTripMs,
                packetLossPercent: result.packetLossPercent,
                videoBitrateKbps: result.videoBitrateKbps,
                mediaCheckMs: result.durationMs,
              }
            : { outcome: 'failed', failure: result.failure }),
        },
      });
    });
}
