import type { KioskMoveFailure, KioskMoveView } from '../../shared/contract/kiosk';
import type { KioskMoveRequest } from '../../shared/protocol/control';
import type { HousingUnit, KioskPlacement } from '../../shared/protocol/setup';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import { mayUseTool, type AtPanel } from './permissions';

type Refusal = { ok: false; reason: KioskMoveFailure };

/** The server's side of a move: the units to choose from, and the re-enrolment itself. */
export interface MoveServer {
  housingUnits(by: { staffId: string }): Promise<{ ok: true; housingUnits: HousingUnit[]; current: string } | Refusal>;
  move(request: KioskMoveRequest): Promise<{ ok: true; placement: KioskPlacement } | Refusal>;
}

/**
 * The move as the kiosk keeps it, in one transaction: its unit, no offline codes (the old unit's
 * officers' codes do not open this one; the new unit's come on reconnecting), and the audit.
 */
export function storePlacement(
  store: Pick<Store, 'config' | 'staff' | 'audit' | 'atomically'>,
): KioskMoveDeps['apply'] {
  return (placement, staffId) =>
    store.atomically(() => {
      store.config.set({ housingUnit: placement.housingUnit.id });
      store.staff.replaceVerifiers([]);
      store.audit.record({
        action: 'kiosk.moved',
        actor: `technician:${staffId}`,
        detail: { housingUnit: placement.housingUnit.id, location: placement.location },
      });
    });
}

export interface KioskMoveDeps {
  server: MoveServer;
  serverReachable: () => boolean;
  /** Stores the new placement and audits it, in one transaction, once the server has moved the kiosk. */
  apply: (placement: KioskPlacement, staffId: string) => void;
  /** Starts main again, so everything tied to the unit (offline codes, update channel) is the new one's. */
  restart: () => void;
  log: Logger;
}

type State = NonNullable<KioskMoveView> | null;

/**
 * A technician's move of the kiosk to another housing unit: the server's list, a choice, and the
 * server's re-enrolment before anything changes here. Every awaited answer is applied only if the
 * move is still in the state that asked, so a cancel meanwhile wins.
 */
export class KioskMove {
  private state: State = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: KioskMoveDeps) {}

  view(): KioskMoveView {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(who: AtPanel): Promise<void> {
    if (this.state?.stage === 'moving' || this.state?.stage === 'moved') return;
    const refusal = this.refusalFor(who);
    if (refusal !== undefined) {
      this.set({ stage: 'refused', reason: refusal });
      return;
    }
    const loading: State = { stage: 'loading' };
    this.set(loading);
    const answer = await this.deps.server.housingUnits({ staffId: who.staffId });
    if (this.state !== loading) return;
    this.set(
      answer.ok
        ? { stage: 'choosing', housingUnits: answer.housingUnits, current: answer.current, failure: null }
        : { stage: 'refused', reason: answer.reason },
    );
  }

  async choose(who: AtPanel, housingUnitId: string, location: string): Promise<void> {
    const choosing = this.state;
    if (choosing?.stage !== 'choosing') return;
    const refusal = this.refusalFor(who);
    if (refusal !== undefined) {
      this.set({ ...choosing, failure: refusal });
      return;
    }
    const moving: State = { stage: 'moving', housingUnitId, location };
    this.set(moving);
    const answer = await this.deps.server.move({ by: { staffId: who.staffId }, housingUnitId, location });
    if (this.state !== moving) return;
    if (!answer.ok) {
      this.set({
        ...choosing,
        // A unit the server no longer has is not offered again.
        housingUnits:
          answer.reason === 'unit_gone'
            ? choosing.housingUnits.filter(({ id }) => id !== housingUnitId)
            : choosing.housingUnits,
        failure: answer.reason,
      });
      return;
    }
    try {
      this.deps.apply(answer.placement, who.staffId);
    } catch (error) {
      // The server has the kiosk in its new unit already; the next start reads it from the server's answers.
      this.deps.log.error({ err: error }, 'move: the new placement could not be stored');
    }
    this.deps.log.info({ housingUnitId, staffId: who.staffId }, 'kiosk moved to another housing unit');
    this.set({ stage: 'moved', placement: answer.placement });
    this.deps.restart();
  }

  /** Back to the panel; a move the server was already asked to make goes on. */
  cancel(): void {
    if (this.state === null || this.state.stage === 'moving' || this.state.stage === 'moved') return;
    this.set(null);
  }

  private refusalFor(who: AtPanel): KioskMoveFailure | undefined {
    if (!mayUseTool(who.role, 'move')) return 'not_permitted';
    if (who.inVisit) return 'in_visit';
    if (!this.deps.serverReachable()) return 'server_unreachable';
    return undefined;
  }

  private set(state: State): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
