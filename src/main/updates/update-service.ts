import { join } from 'node:path';
import { updateReportAckSchema, updateReportsPath, type UpdateStatus } from '../../shared/protocol/updates';
import type { Logger } from '../log/logger';
import { fetchOfferedFeed, updateUrl, type FeedSource } from './feed-client';
import { downloadVerified, UpdateVerifyError } from './throttled-download';
import {
  decideUpdate,
  reduceUpdate,
  updateStatusOf,
  type KioskActivity,
  type UpdateAction,
  type UpdateEvent,
  type UpdatePolicy,
  type UpdateState,
} from './update-machine';
import { saveUpdateState } from './update-state-file';

/** The host's side of an update: the Electron adapter swaps the package and restarts. */
export interface UpdateInstaller {
  /** Puts the verified file in place of the running version, keeping that one, and restarts into it. */
  install(path: string, version: string): Promise<void>;
  /** Restarts into a kept version. */
  rollBack(to: string): Promise<void>;
}

export interface UpdateServiceDeps {
  state: UpdateState;
  statePath: string;
  /** The kiosk's server and token; undefined while it is not provisioned. */
  source: () => FeedSource | undefined;
  kioskId: string;
  downloadsDir: string;
  bytesPerSecond: number;
  policy: UpdatePolicy;
  installer: UpdateInstaller;
  activity: () => KioskActivity;
  now: () => number;
  newId: () => string;
  log: Logger;
}

/** Runs the update machine's decisions one step at a time and keeps its state on disk after each event. */
export class UpdateService {
  private current: UpdateState;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.current = deps.state;
  }

  get state(): UpdateState {
    return this.current;
  }

  status(): UpdateStatus {
    return updateStatusOf(this.current);
  }

  /** Called once at every start of the app. */
  started(version: string, schemaVersion: number, storeFloor: number): Promise<void> {
    return this.apply({
      type: 'started',
      at: this.deps.now(),
      version,
      schemaVersion,
      storeFloor,
      reportId: this.deps.newId(),
    });
  }

  /** Called when the attract screen shows and a heartbeat was acknowledged. */
  healthy(): Promise<void> {
    return this.apply({ type: 'healthy', at: this.deps.now(), reportId: this.deps.newId() });
  }

  /** Decides and does one thing, then sends what reports are due; returns what it decided. */
  async step(): Promise<UpdateAction> {
    const action = decideUpdate(this.current, this.deps.activity(), this.deps.now(), this.deps.policy);
    await this.perform(action);
    await this.sendReports();
    return action;
  }

  private async perform(action: UpdateAction): Promise<void> {
    const { deps } = this;
    const source = deps.source();
    switch (action.do) {
      case 'check':
        if (source === undefined) return;
        try {
          const offer = await fetchOfferedFeed(source);
          await this.apply({ type: 'checked', at: deps.now(), kioskId: deps.kioskId, offer });
        } catch (error) {
          deps.log.warn({ err: error }, 'update check failed');
          await this.apply({ type: 'check_failed', at: deps.now(), error: 'check_failed' });
        }
        return;
      case 'download':
        if (source === undefined) return;
        try {
          const result = await downloadVerified({
            url: updateUrl(source, action.file.url),
            token: source.token,
            dest: join(deps.downloadsDir, action.file.url),
            size: action.file.size,
            sha512: action.file.sha512,
            bytesPerSecond: deps.bytesPerSecond,
          });
          deps.log.info(
            { version: action.version, fetched: result.fetched, ms: Math.round(result.ms) },
            'update downloaded and verified',
          );
          await this.apply({ type: 'downloaded', version: action.version, path: result.path });
        } catch (error) {
          deps.log.warn({ err: error, version: action.version }, 'update download failed');
          const code = error instanceof UpdateVerifyError ? error.code : 'download_failed';
          await this.apply({ type: 'download_failed', version: action.version, error: code });
        }
        return;
      case 'install':
        await this.apply({ type: 'install_started' });
        try {
          await deps.installer.install(action.path, action.version);
        } catch (error) {
          deps.log.error({ err: error, version: action.version }, 'update install failed');
          await this.apply({ type: 'install_failed', error: 'install_failed' });
        }
        return;
      case 'rollback':
      case 'stay': {
        const to = action.do === 'rollback' ? action.to : this.current.running;
        // Stored before the restart, so the version rolled back to sends the report.
        await this.apply({
          type: 'rollback_started',
          at: deps.now(),
          to,
          outcome: action.outcome,
          reportId: deps.newId(),
        });
        if (action.do === 'rollback') await deps.installer.rollBack(to);
        else deps.log.error({ version: to }, 'update failed its trial but no kept version can open the store; staying');
        return;
      }
      case 'wait':
        return;
    }
  }

  private async sendReports(): Promise<void> {
    const source = this.deps.source();
    if (source === undefined) return;
    for (const report of this.current.unsent) {
      try {
        const response = await fetch(new URL(updateReportsPath, source.serverUrl), {
          method: 'POST',
          headers: { authorization: `Bearer ${source.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(report),
        });
        const ack = updateReportAckSchema.safeParse(await response.json());
        if (!response.ok || !ack.success || ack.data.id !== report.id) {
          this.deps.log.warn({ status: response.status }, 'update report refused; kept to send again');
          return;
        }
        await this.apply({ type: 'reported', id: report.id });
      } catch (error) {
        this.deps.log.warn({ err: error }, 'update report not sent; kept to send again');
        return;
      }
    }
  }

  private async apply(event: UpdateEvent): Promise<void> {
    this.current = reduceUpdate(this.current, event);
    await saveUpdateState(this.deps.statePath, this.current);
  }
}
