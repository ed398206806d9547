import { stat, statfs } from 'node:fs/promises';
import type { DiagnosticsBundle } from '../../shared/protocol/diagnostics';
import type { DeviceService } from '../devices/device-service';
import type { KioskView } from '../kiosk/kiosk-view';
import type { ServiceDimension } from '../staff/service-dimension';
import type { Store } from '../store/store';
import type { HostKind } from '../../shared/protocol/common';
import { recentLogLines } from './recent-log-lines';

export interface DiagnosticsSources {
  host: HostKind;
  appVersion: string;
  /** The folder the store lives in: its file system's free space is what a full disk is about. */
  dataDir: string;
  logDir: string;
  store: Pick<Store, 'health' | 'outbox' | 'config'>;
  view: Pick<KioskView, 'snapshot'>;
  service: Pick<ServiceDimension, 'current'>;
  devices: Pick<DeviceService, 'health'>;
  now?: () => number;
}

/** One bundle of the kiosk's state for the desk, read now; nothing in it names a person. */
export async function collectDiagnostics(sources: DiagnosticsSources): Promise<DiagnosticsBundle> {
  const now = sources.now?.() ?? Date.now();
  const outbox = sources.store.outbox.status();
  const store = sources.store.health();
  const [disk, log, storeBytes] = await Promise.all([
    diskSpace(sources.dataDir),
    recentLogLines(sources.logDir),
    fileBytes(store.path),
  ]);
  return {
    collectedAt: new Date(now).toISOString(),
    appVersion: sources.appVersion,
    runtime: {
      host: sources.host,
      node: process.versions.node,
      electron: process.versions['electron'] ?? null,
      chrome: process.versions['chrome'] ?? null,
      platform: process.platform,
      arch: process.arch,
    },
    uptimeSeconds: Math.floor(process.uptime()),
    screen: sources.view.snapshot().screen,
    service: sources.service.current(),
    store,
    storeBytes,
    disk,
    outbox: {
      ...outbox,
      oldestPendingAgeSeconds:
        outbox.oldestPendingAt === null
          ? null
          : Math.max(0, Math.floor((now - Date.parse(outbox.oldestPendingAt)) / 1000)),
    },
    devices: sources.devices.health(),
    lastMediaCheck: sources.store.config.get('mediaCheck') ?? null,
    log,
  };
}

async function diskSpace(dir: string): Promise<DiagnosticsBundle['disk']> {
  try {
    const stats = await statfs(dir);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return null;
  }
}

/** The database with its write-ahead log, which holds what is not yet checkpointed into it. */
async function fileBytes(path: string): Promise<number | null> {
  const sizes = await Promise.all(
    [path, `${path}-wal`].map((file) =>
      stat(file).then(
        (stats) => stats.size,
        () => null,
      ),
    ),
  );
  return sizes[0] === null ? null : sizes.reduce<number>((sum, size) => sum + (size ?? 0), 0);
}
