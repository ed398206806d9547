import type { MediaCheckResult } from '../../shared/contract/media-check';
import type { Store } from '../store/store';

/**
 * A technician's network and media check in service, kept as the kiosk's last check (diagnostics
 * report it) and audited with its figures, in one transaction.
 */
export function recordTechnicianCheck(
  store: Pick<Store, 'config' | 'audit' | 'atomically'>,
): (result: MediaCheckResult, staffId: string) => void {
  return (result, staffId) =>
    store.atomically(() => {
      store.config.set({ mediaCheck: result });
      store.audit.record({
        action: 'kiosk.media_checked',
        actor: `technician:${staffId}`,
        detail: result.ok
          ? {
              outcome: 'passed',
              mediaPath: result.path,
              roundTripMs: result.roundTripMs,
              packetLossPercent: result.packetLossPercent,
              videoBitrateKbps: result.videoBitrateKbps,
              mediaCheckMs: result.durationMs,
            }
          : { outcome: 'failed', failure: result.failure },
      });
    });
}
