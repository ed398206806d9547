import type { DecommissionView } from '../../shared/contract/kiosk';
import type { KioskDecommissionRequest } from '../../shared/protocol/control';
import type { Logger } from '../log/logger';
import { decideDecommission } from './decommission-plan';
import type { AtPanel } from './permissions';

/** The server's answer to `kiosk.decommission`. */
export type ServerVerdict = 'decommissioned' | 'refused' | 'unreachable';

export interface DecommissionDeps {
  outbox: {
    status(): { pending: number };
    /** New records (the count goes up). */
    subscribe(listener: () => void): () => void;
    /** Records delivered or refused (the count goes down). */
    subscribeSettled(listener: () => void): () => void;
  };
  serverReachable: () => boolean;
  /** `kiosk.decommission`: the server audits it and voids the kiosk's token before it answers. */
  tellServer: (request: KioskDecommissionRequest) => Promise<ServerVerdict>;
  /** Stops delivery, then wipes the store (all but `keptAfterDecommission`) and the logs. */
  wipe: () => Promise<void>;
  /** Starts main again, at first boot now that nothing is provisioned. */
  restart: () => void;
  log: Logger;
}

type State = NonNullable<DecommissionView> | null;

/**
 * One decommission at a time: it waits for the outbox to drain (told of every delivery), then
 * the server records it, and only then does the kiosk wipe itself and start again. Once the
 * server has been asked there is no going back, so cancelling stops only the waiting.
 */
export class Decommission {
  private state: State = null;
  private stopWatching: (() => void) | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: DecommissionDeps) {}

  view(): DecommissionView {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the server has been asked: from then on the kiosk goes, whatever the panel does. */
  committed(): boolean {
    return this.state?.stage === 'auditing' || this.state?.stage === 'wiped';
  }

  start(who: AtPanel, force: boolean): void {
    if (this.committed()) return;
    const pending = this.deps.outbox.status().pending;
    const decision = decideDecommission({
      role: who.role,
      inVisit: who.inVisit,
      pending,
      force,
      serverReachable: this.deps.serverReachable(),
    });
    switch (decision.go) {
      case 'refused':
        this.unwatch();
        this.set({ stage: 'refused', reason: decision.reason, pending });
        return;
      case 'wait': {
        const delivered = this.state?.stage === 'draining' ? this.state.delivered : 0;
        this.set({ stage: 'draining', pending, delivered });
        this.watch(who, pending + delivered);
        return;
      }
      case 'wipe':
        void this.proceed(who.staffId, decision.forced, decision.recordsLost);
    }
  }

  /** Stops waiting for the outbox (the panel closed, or the technician cancelled). */
  cancel(): void {
    if (this.committed() || this.state === null) return;
    this.unwatch();
    this.set(null);
  }

  private watch(who: AtPanel, atStart: number): void {
    if (this.stopWatching !== undefined) return;
    const moved = (): void => {
      if (this.state?.stage !== 'draining') return;
      const { pending } = this.deps.outbox.status();
      if (pending > 0) {
        this.set({ stage: 'draining', pending, delivered: Math.max(0, atStart - pending) });
        return;
      }
      this.unwatch();
      this.start(who, false);
    };
    const stopNew = this.deps.outbox.subscribe(moved);
    const stopSettled = this.deps.outbox.subscribeSettled(moved);
    this.stopWatching = () => {
      stopNew();
      stopSettled();
    };
  }

  private unwatch(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  private async proceed(staffId: string, forced: boolean, recordsLost: number): Promise<void> {
    this.unwatch();
    this.set({ stage: 'auditing', forced, recordsLost });
    const verdict = await this.deps.tellServer({ by: { staffId }, forced, recordsLost });
    if (verdict !== 'decommissioned') {
      this.set({
        stage: 'refused',
        reason: verdict === 'refused' ? 'server_refused' : 'server_unreachable',
        pending: this.deps.outbox.status().pending,
      });
      return;
    }
    this.deps.log.warn({ staffId, forced, recordsLost }, 'decommissioned: wiping the kiosk');
    try {
      await this.deps.wipe();
    } catch (error) {
      // The server no longer takes the token: the technician tries again, or wipes the disk.
      this.deps.log.error({ err: error }, 'decommission: the wipe failed');
      this.set({ stage: 'refused', reason: 'wipe_failed', pending: 0 });
      return;
    }
    this.set({ stage: 'wiped' });
    this.deps.restart();
  }

  private set(state: State): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
