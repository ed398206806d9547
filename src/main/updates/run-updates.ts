import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskSnapshot } from '../../shared/contract/kiosk';
import type { UpdateStatus } from '../../shared/protocol/updates';
import type { Logger } from '../log/logger';
import type { FeedSource } from './feed-client';
import type { KioskActivity, UpdatePolicy } from './update-machine';
import { UpdateService, type UpdateInstaller } from './update-service';
import { loadUpdateState } from './update-state-file';

export interface RunUpdatesOptions {
  dataDir: string;
  version: string;
  /** This build's newest store schema, and the floor of the store as it opened. */
  schemaVersion: number;
  storeFloor: number;
  kioskId: string;
  source: () => FeedSource | undefined;
  installer: UpdateInstaller;
  snapshot: () => KioskSnapshot;
  subscribe: (listener: (snapshot: KioskSnapshot) => void) => () => void;
  visitInProgress: () => boolean;
  /** The bandwidth the download may take, in bytes per second. */
  bytesPerSecond: number;
  policy: UpdatePolicy;
  stepEveryMs?: number;
  log: Logger;
}

export interface RunningUpdates {
  status(): UpdateStatus;
  /** For the heartbeat: an acknowledged beat from the attract screen ends a new version's trial well. */
  acknowledged(screen: string): void;
  stop(): void;
}

/** Starts the update service on a kiosk whose host can install: one step a minute, reports after each. */
export async function runUpdates(options: RunUpdatesOptions): Promise<RunningUpdates> {
  const dir = join(options.dataDir, 'updates');
  mkdirSync(dir, { recursive: true });
  const statePath = join(dir, 'update-state.json');
  let attractSince: number | null = options.snapshot().screen === 'attract' ? Date.now() : null;
  const stopWatching = options.subscribe((snapshot) => {
    const onAttract = snapshot.screen === 'attract' && snapshot.staff === null;
    if (!onAttract) attractSince = null;
    else attractSince ??= Date.now();
  });
  const activity = (): KioskActivity => {
    const snapshot = options.snapshot();
    return {
      visit: options.visitInProgress(),
      staffSession: snapshot.staff !== null,
      inmateSession: snapshot.screen !== 'attract',
      attractSince,
      localHour: new Date().getHours(),
    };
  };
  const service = new UpdateService({
    state: loadUpdateState(statePath, options.version, options.log),
    statePath,
    source: options.source,
    kioskId: options.kioskId,
    downloadsDir: dir,
    bytesPerSecond: options.bytesPerSecond,
    policy: options.policy,
    installer: options.installer,
    activity,
    now: Date.now,
    newId: randomUUID,
    log: options.log,
  });
  await service.started(options.version, options.schemaVersion, options.storeFloor);
  let stepping: Promise<unknown> = Promise.resolve();
  // A check that found a version or a finished download goes straight on to the next decision.
  const advance = async (): Promise<void> => {
    let action = await service.step();
    while (action.do === 'check' || action.do === 'download') action = await service.step();
  };
  const step = () => {
    stepping = stepping
      .then(advance)
      .catch((error: unknown) => options.log.error({ err: error }, 'update step failed'));
  };
  const timer = setInterval(step, options.stepEveryMs ?? 60_000);
  step();
  return {
    status: () => service.status(),
    acknowledged: (screen) => {
      if (screen !== 'attract' || service.state.phase.kind !== 'trial') return;
      stepping = stepping
        .then(() => service.healthy())
        .catch((error: unknown) => options.log.error({ err: error }, 'update trial end not stored'));
    },
    stop: () => {
      clearInterval(timer);
      stopWatching();
    },
  };
}
