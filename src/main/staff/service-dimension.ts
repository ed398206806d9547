import type { OutOfServiceReason, ServiceState, StaffActionRefusal } from '../../shared/protocol/staff';

/** Where the service state is kept: the store's `StaffStore`, so it outlives the renderer and main. */
export interface ServiceStateStore {
  serviceState(): ServiceState;
  setServiceState(state: ServiceState): void;
}

type Listener = (state: ServiceState) => void;
export type ServiceChange = { ok: true; state: ServiceState } | { ok: false; reason: StaffActionRefusal };

/**
 * The kiosk's service dimension: in service, locked, or out of service. It is independent of the
 * inmate's session (a call goes on while the kiosk is locked) and of the staff overlay. Every change
 * is written to the store before it is published, so a kiosk that starts locked comes up locked.
 *
 * Its inputs today are staff's; another cause that closes the kiosk to inmates (devices unusable,
 * say) is one more input here, read by `acceptsInmates` and shown by the snapshot's screen.
 */
export class ServiceDimension {
  private state: ServiceState;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly store: ServiceStateStore,
    private readonly now: () => number,
  ) {
    this.state = store.serviceState();
  }

  current(): ServiceState {
    return this.state;
  }

  /** Nobody may begin or sign in unless the kiosk is in service. */
  acceptsInmates(): boolean {
    return this.state.state === 'in_service';
  }

  /** Locking an out-of-service kiosk is refused: it is closed already, for a reason staff chose. */
  lock(staffId: string): ServiceChange {
    if (this.state.state === 'locked') return { ok: false, reason: 'already_locked' };
    if (this.state.state === 'out_of_service') return { ok: false, reason: 'already_out_of_service' };
    return this.set({ state: 'locked', since: this.iso(), by: staffId });
  }

  unlock(): ServiceChange {
    if (this.state.state !== 'locked') return { ok: false, reason: 'not_locked' };
    return this.set({ state: 'in_service' });
  }

  /** From in service or locked; a second reason while out of service is refused, not silently swapped. */
  setOutOfService(staffId: string, reason: OutOfServiceReason): ServiceChange {
    if (this.state.state === 'out_of_service') return { ok: false, reason: 'already_out_of_service' };
    return this.set({ state: 'out_of_service', reason, since: this.iso(), by: staffId });
  }

  setInService(): ServiceChange {
    if (this.state.state !== 'out_of_service') return { ok: false, reason: 'not_out_of_service' };
    return this.set({ state: 'in_service' });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: ServiceState): ServiceChange {
    this.store.setServiceState(state);
    this.state = state;
    for (const listener of this.listeners) listener(state);
    return { ok: true, state };
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
