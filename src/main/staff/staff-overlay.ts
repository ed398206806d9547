import type { DeviceChooser, DeviceSelection } from '../../shared/contract/devices';
import type {
  KioskAtAGlance,
  StaffDiagnostics,
  StaffOverlay as StaffOverlayView,
  TechnicianCheckView,
} from '../../shared/contract/kiosk';
import type { DiagnosticsBundle } from '../../shared/protocol/diagnostics';
import {
  offlineCodeUsedAction,
  type OfflineCodeVerifier,
  type StaffAction,
  type StaffRole,
} from '../../shared/protocol/staff';
import type { AuditEntry } from '../store/audit-log';
import type { Timer } from '../store/timer';
import type { Decommission } from './decommission';
import type { MediaCheckMeasurement, MediaCheckResult } from '../../shared/contract/media-check';
import type { Logger } from '../log/logger';
import { MediaCheckRun, type MediaCheckRunDeps } from '../provisioning/media-check-run';
import type { KioskMove } from './kiosk-move';
import type { MediaCheckBy } from './technician-check';
import { findVerifier } from './offline-codes';
import { mayPerform, mayUseTool, type AtPanel } from './permissions';
import type { ActionOutcome, DeviceChangeOutcome, StaffActions } from './staff-actions';
import type { StaffAuthenticator } from './staff-sign-in';

type Listener = () => void;

/** Who is at the panel: kept in memory only, for the overlay's short life. */
interface SignedIn {
  staffId: string;
  role: StaffRole;
  displayName: string;
}

/** The staff overlay's own dimension: closed, signing in, or the panel. */
type State =
  | { stage: 'closed' }
  | Extract<NonNullable<StaffOverlayView>, { stage: 'signIn' }>
  | {
      stage: 'panel';
      staff: SignedIn;
      lastAction: (ActionOutcome & { action: StaffAction }) | null;
      lastDeviceChange?: DeviceChangeOutcome;
      /** The network and media check is on the panel; `refused` why the last ask started none. */
      checking?: { refused: NonNullable<TechnicianCheckView>['refused'] };
    };

export interface OfflineCodeStore {
  usableVerifiers(at: number): OfflineCodeVerifier[];
  markVerifierUsed(codeId: string): boolean;
}

export interface StaffOverlayDeps {
  /** Absent when no server is configured: only offline codes can sign staff in. */
  authenticator: StaffAuthenticator | undefined;
  /** Whether the control channel is up; when it is not, sign-in asks for an offline code at once. */
  serverReachable: () => boolean;
  codes: OfflineCodeStore;
  actions: StaffActions;
  audit: { record(entry: AuditEntry): unknown };
  atomically: <T>(work: () => T) => T;
  glance: () => KioskAtAGlance;
  /** The one diagnostics collector, the same the console's remote diagnostics use; absent where a host has none. */
  collectDiagnostics?: () => Promise<DiagnosticsBundle>;
  /** The kiosk's decommission; absent where a host cannot wipe itself and start again. */
  decommission?: Decommission;
  /**
   * What a technician's network and media check needs: the echo room over the control link, the
   * server the test call goes to, and where its result is kept. Absent without a server.
   */
  mediaCheck?: Pick<MediaCheckRunDeps, 'openRoom' | 'serverUrl'> & {
    record: (result: MediaCheckResult, by: MediaCheckBy) => void;
    log: Logger;
  };
  /** The move to another housing unit; absent without a server. */
  move?: KioskMove;
  /** The device chooser (the device service's), shown to a staff member who may change devices. */
  deviceChooser: () => DeviceChooser;
  /** The server's clock: offline codes expire by it. */
  serverNow: () => number;
  timer: Timer;
  /** The overlay closes itself after this long without a touch. */
  idleMs?: number;
}

export const staffIdleMs = 30_000;

/**
 * Staff sign-in and the staff panel, over whatever the inmate's session shows. Every awaited answer
 * is applied only if the overlay is still in the state that asked, as in the kiosk machine. Staff
 * PINs pass through on their way to the server and are kept nowhere.
 */
export class StaffOverlay {
  private state: State = { stage: 'closed' };
  private readonly listeners = new Set<Listener>();
  private idleTimer: unknown;
  private readonly check: MediaCheckRun | undefined;

  constructor(private readonly deps: StaffOverlayDeps) {
    // Each delivery while draining is progress on screen, and keeps the waiting panel open.
    const republish = (): void => {
      if (this.state.stage === 'panel') this.set(this.state);
    };
    deps.decommission?.subscribe(republish);
    deps.move?.subscribe(republish);
    this.check =
      deps.mediaCheck === undefined
        ? undefined
        : new MediaCheckRun({ ...deps.mediaCheck, now: Date.now, onChange: republish });
  }

  view(): StaffOverlayView {
    const { state } = this;
    switch (state.stage) {
      case 'closed':
        return null;
      case 'signIn':
        return state;
      case 'panel': {
        const { displayName, role } = state.staff;
        const { lastAction, lastDeviceChange, checking } = state;
        return {
          stage: 'panel',
          staff: { displayName, role },
          kiosk: this.deps.glance(),
          devices: mayPerform(role, 'change_devices', 'kiosk') ? this.deps.deviceChooser() : null,
          lastDeviceChange: lastDeviceChange ?? null,
          lastAction:
            lastAction === null
              ? null
              : {
                  action: lastAction.action,
                  status: lastAction.status,
                  ...(lastAction.status === 'refused' ? { reason: lastAction.reason } : {}),
                },
          decommission: this.deps.decommission?.view() ?? null,
          move: this.deps.move?.view() ?? null,
          check:
            checking === undefined
              ? null
              : { step: this.check?.view() ?? { status: 'idle', result: null }, refused: checking.refused },
        };
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The long press or a badge: staff sign-in, with the badge's number filled in. A panel open stays open. */
  open(staffNumber: string | null = null): void {
    if (this.state.stage === 'panel') return;
    this.set({ stage: 'signIn', staffNumber, busy: false, failure: null, offline: !this.canAskServer() });
  }

  async signIn(staffNumber: string, pin: string): Promise<void> {
    const asking = this.state;
    if (asking.stage !== 'signIn' || asking.busy) return;
    const { authenticator } = this.deps;
    if (authenticator === undefined || !this.deps.serverReachable()) {
      this.set({ ...asking, staffNumber, failure: { reason: 'server_unavailable', retryAt: null }, offline: true });
      return;
    }
    const busy: State = { ...asking, staffNumber, busy: true, failure: null };
    this.set(busy);
    const result = await authenticator.signIn(staffNumber, pin);
    if (this.state !== busy) return;
    if (result.ok) {
      const { staffId, role, displayName } = result.staff;
      this.set({ stage: 'panel', staff: { staffId, role, displayName }, lastAction: null });
      return;
    }
    const offline = result.failure.reason === 'server_unavailable';
    this.set({ ...busy, busy: false, failure: result.failure, offline });
  }

  /**
   * An offline code, when the server cannot be reached: used once, and its use audited (delivered
   * through the outbox when the link returns) in the same transaction that marks it used.
   */
  async signInOffline(typed: string): Promise<void> {
    const asking = this.state;
    if (asking.stage !== 'signIn' || asking.busy) return;
    const busy: State = { ...asking, busy: true, failure: null };
    this.set(busy);
    const match = await findVerifier(typed, this.deps.codes.usableVerifiers(this.deps.serverNow()));
    if (this.state !== busy) return;
    const used =
      match !== undefined &&
      this.deps.atomically(() => {
        if (!this.deps.codes.markVerifierUsed(match.codeId)) return false;
        this.deps.audit.record({
          action: offlineCodeUsedAction,
          actor: `${match.role}:${match.staffId}`,
          detail: { codeId: match.codeId, where: 'kiosk' },
        });
        return true;
      });
    if (!used) {
      this.set({ ...busy, busy: false, failure: { reason: 'offline_code_refused', retryAt: null } });
      return;
    }
    this.set({
      stage: 'panel',
      staff: { staffId: match.staffId, role: match.role, displayName: match.staffId },
      lastAction: null,
    });
  }

  /** Carries out an action the signed-in staff member confirmed on the panel. */
  act(action: StaffAction): void {
    const { state } = this;
    if (state.stage !== 'panel') return;
    const { staffId, role } = state.staff;
    const outcome = this.deps.actions.perform(action, { staffId, role, where: 'kiosk' });
    // The action may have republished (and even closed the overlay) meanwhile.
    if (this.state.stage === 'panel') this.set({ ...this.state, lastAction: { ...outcome, action } });
  }

  /**
   * The kiosk's diagnostics for the technician at the panel, audited as a remote collection is
   * (`diagnostics.collected`, where `kiosk`). Anyone else is refused before anything is read.
   */
  async diagnostics(): Promise<StaffDiagnostics> {
    const { state } = this;
    if (state.stage !== 'panel') return { status: 'refused', reason: 'not_signed_in' };
    const { staffId, role } = state.staff;
    if (!mayUseTool(role, 'diagnostics')) return { status: 'refused', reason: 'not_permitted' };
    const collect = this.deps.collectDiagnostics;
    if (collect === undefined) return { status: 'refused', reason: 'not_supported' };
    this.armIdle();
    const bundle = await collect();
    this.deps.audit.record({
      action: 'diagnostics.collected',
      actor: `${role}:${staffId}`,
      detail: { where: 'kiosk', logLines: bundle.log.lines.length },
    });
    return { status: 'collected', bundle };
  }

  /**
   * A technician decommissions the kiosk (`force` after the second confirmation). Refusals and
   * progress show in the panel's `decommission`; anyone else is refused before anything starts.
   */
  decommission(force: boolean): void {
    const who = this.atPanel();
    if (who !== undefined) this.deps.decommission?.start(who, force);
  }

  /** Stops a decommission that is still waiting for the outbox. */
  cancelDecommission(): void {
    this.deps.decommission?.cancel();
  }

  /** A technician opens the move to another housing unit: main asks the server for the units. */
  startMove(): void {
    const who = this.atPanel();
    if (who !== undefined) void this.deps.move?.start(who);
  }

  /** The unit and place the technician chose; the server re-enrols the kiosk there first. */
  move(housingUnitId: string, location: string): void {
    const who = this.atPanel();
    if (who !== undefined) void this.deps.move?.choose(who, housingUnitId, location);
  }

  cancelMove(): void {
    this.deps.move?.cancel();
  }

  /** A technician runs the network and media check again, on the kiosk as it stands; never during a visit. */
  startCheck(): void {
    const who = this.atPanel();
    if (who === undefined || this.state.stage !== 'panel') return;
    const refused = !mayUseTool(who.role, 'media_check')
      ? 'not_permitted'
      : who.inVisit
        ? 'in_visit'
        : this.check === undefined
          ? 'not_supported'
          : null;
    this.set({ ...this.state, checking: { refused } });
    if (refused === null) this.check?.start();
  }

  /** What the renderer measured in the panel's test call: judged, kept as the kiosk's last check, audited. */
  reportCheck(measurement: MediaCheckMeasurement): void {
    const { state } = this;
    if (state.stage !== 'panel' || state.checking === undefined) return;
    const result = this.check?.report(measurement);
    const { role, staffId } = state.staff;
    if (result !== undefined) this.deps.mediaCheck?.record(result, { actor: `${role}:${staffId}`, where: 'kiosk' });
  }

  closeCheck(): void {
    this.check?.reset();
    if (this.state.stage === 'panel') this.set({ ...this.state, checking: undefined });
  }

  /** The devices a technician chose on the panel; main refuses them to anyone else, and during a visit. */
  chooseDevices(selection: DeviceSelection): void {
    const { state } = this;
    if (state.stage !== 'panel') return;
    const { staffId, role } = state.staff;
    const outcome = this.deps.actions.changeDevices(selection, { staffId, role, where: 'kiosk' });
    if (this.state.stage === 'panel') this.set({ ...this.state, lastDeviceChange: outcome });
  }

  /** A touch while the overlay is open keeps it open. */
  activity(): void {
    if (this.state.stage !== 'closed') this.armIdle();
  }

  /** Sign out, cancel, or idle: nothing of the overlay is left. */
  close(): void {
    if (this.state.stage === 'closed') return;
    // Nobody is left to watch a decommission wait or a move's choice; what the server was told of goes on.
    this.deps.decommission?.cancel();
    this.deps.move?.cancel();
    this.check?.reset();
    this.set({ stage: 'closed' });
  }

  /** The technician (or anyone, to be refused) at the panel, as the decommission and the move see them. */
  private atPanel(): AtPanel | undefined {
    const { state } = this;
    if (state.stage !== 'panel') return undefined;
    const { staffId, role } = state.staff;
    return { staffId, role, inVisit: this.deps.glance().visit !== null };
  }

  private canAskServer(): boolean {
    return this.deps.authenticator !== undefined && this.deps.serverReachable();
  }

  private armIdle(): void {
    const { timer } = this.deps;
    timer.clearTimeout(this.idleTimer);
    this.idleTimer = timer.setTimeout(() => this.close(), this.deps.idleMs ?? staffIdleMs);
  }

  private set(state: State): void {
    this.state = state;
    if (state.stage === 'closed') this.deps.timer.clearTimeout(this.idleTimer);
    else this.armIdle();
    for (const listener of this.listeners) listener();
  }
}
