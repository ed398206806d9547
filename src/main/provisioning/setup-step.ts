import type { SetupStep } from '../../shared/contract/setup';
import type { ConfigStore } from '../store/config-store';

/** What a kiosk with no server shows: the technician's setup, or (development and tests) the attract screen. */
export type UnprovisionedStart = 'setup' | 'unavailable';

export interface SetupStart {
  /** `KIOSK_SERVER_URL`: a kiosk its environment provisions never shows setup. */
  environmentServerUrl: string | undefined;
  unprovisioned: UnprovisionedStart;
}

/**
 * The setup step a kiosk starts on, or null when it starts in service. A setup in progress resumes
 * at the step stored; a kiosk enrolled with a server before (by its environment) is provisioned;
 * any other kiosk has nothing to talk to and starts setup from the server step. A stored step that no
 * longer validates reads as absent, so such a kiosk starts over rather than going on half set up.
 */
export function setupStepAtStart(config: Pick<ConfigStore, 'get'>, start: SetupStart): SetupStep | null {
  if (start.environmentServerUrl !== undefined || start.unprovisioned === 'unavailable') return null;
  const stored = config.get('setupStep');
  if (stored !== undefined && stored !== 'done') return stored;
  const enrolled = config.get('serverUrl') !== undefined && config.get('kioskToken') !== undefined;
  return enrolled ? null : 'server';
}
