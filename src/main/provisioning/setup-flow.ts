import { randomUUID } from 'node:crypto';
import type {
  PlacementFailure,
  PlacementStep,
  ServerCheckResult,
  ServerStep,
  SetupStep,
  SetupView,
  TechnicianSignInFailure,
  TechnicianSignInStep,
} from '../../shared/contract/setup';
import type { DeviceSelection, DeviceSelectionFailure } from '../../shared/contract/devices';
import type { SetupSession } from '../../shared/protocol/setup';
import type { DeviceService } from '../devices/device-service';
import type { Logger } from '../log/logger';
import type { AuditEntry } from '../store/audit-log';
import type { ConfigStore } from '../store/config-store';
import type { SetupApi, SetupApiFailure } from './setup-api';

export interface SetupFlowOptions {
  /** Where the step reached and what each step settled are kept, so a kiosk powered off resumes. */
  config: Pick<ConfigStore, 'get' | 'set'>;
  /** The step the kiosk starts on (`setupStepAtStart`). */
  step: SetupStep;
  /** The server check (`checkServer`), bound to its options. */
  checkServer: (address: string) => Promise<ServerCheckResult>;
  /** The server's setup endpoints at the accepted address. */
  setupApi: (serverUrl: string) => SetupApi;
  /** The device service: the devices step lists its inventory and stores the choice through it. */
  devices: Pick<DeviceService, 'chooser' | 'choose' | 'onInventory' | 'subscribe'>;
  /** The check's bounded wait, for the countdown. */
  checkTimeoutMs: number;
  /** The provisioning goes in the kiosk's audit log (and through the outbox to the server). */
  audit: { record(entry: AuditEntry): unknown };
  /** One store transaction: the identity, the step and the audit entry are kept together or not at all. */
  atomically: <T>(work: () => T) => T;
  /**
   * Called once the kiosk is enrolled and its identity stored: main starts again, now in service
   * (the host's restart; the control link and everything on it start with the runtime).
   */
  onProvisioned: () => void;
  /** This machine's clock: the renderer counts down on the same one. */
  now: () => number;
  log: Logger;
}

type Listener = () => void;

/**
 * The technician's first-boot setup, the kiosk's provisioning dimension: which step it is on and
 * that step's state. Each step's outcome is stored together with the next step in one write, so the
 * store never says a step was reached without what it needs.
 */
export class SetupFlow {
  private step: SetupStep;
  private server: ServerStep = { status: 'idle', address: null };
  private signIn: TechnicianSignInStep = { status: 'idle', failure: null };
  /** The server the technician accepted, once they did. */
  private accepted: { serverUrl: string; fingerprint: string | null } | undefined;
  /** The technician's setup session, once they signed in. */
  private session: SetupSession | undefined;
  private placement: PlacementStep = { status: 'loading' };
  private placed: { housingUnit: string; location: string } | undefined;
  /** Why the devices step's last selection was refused. */
  private deviceFailure: DeviceSelectionFailure | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly options: SetupFlowOptions) {
    const serverUrl = options.config.get('serverUrl');
    if (serverUrl !== undefined) {
      this.accepted = { serverUrl, fingerprint: options.config.get('serverFingerprint') ?? null };
    }
    this.session = options.config.get('setupSession');
    this.placed = options.config.get('setupPlacement');
    // A later step without what it builds on cannot go on: back to the step that provides it.
    this.step = this.accepted === undefined ? 'server' : options.step;
    if (this.step === 'placement' && this.session === undefined) this.step = 'technicianSignIn';
    if (this.step === 'placement') this.loadUnits();
    // The devices step lists what the renderer reports, as it reports it (a camera plugged in now).
    const onDevices = (): void => {
      if (this.step === 'devices') this.publish();
    };
    options.devices.onInventory(onDevices);
    options.devices.subscribe(onDevices);
  }

  /** The devices step is reached only enrolled, with the technician known; undefined on any other step. */
  private devicesStep(): { session: SetupSession; placed: { housingUnit: string; location: string } } | undefined {
    const { session, placed } = this;
    return this.step === 'devices' && session !== undefined && placed !== undefined ? { session, placed } : undefined;
  }

  view(): SetupView {
    if (this.step === 'done' && this.placed !== undefined) return { step: 'done', ...this.placed };
    const onDevices = this.devicesStep();
    if (onDevices !== undefined) {
      return {
        step: 'devices',
        technician: onDevices.session.technician.displayName,
        ...onDevices.placed,
        chooser: this.options.devices.chooser(this.deviceFailure),
      };
    }
    if (this.step === 'server' || this.accepted === undefined) return { step: 'server', server: this.server };
    if (this.step === 'technicianSignIn' || this.session === undefined) {
      return { step: 'technicianSignIn', ...this.accepted, signIn: this.signIn };
    }
    return {
      step: 'placement',
      ...this.accepted,
      technician: this.session.technician.displayName,
      placement: this.placement,
    };
  }

  /** Checks an address; one check at a time, and only on the server step. */
  checkServer(address: string): void {
    if (this.step !== 'server' || this.server.status === 'checking') return;
    const checking: ServerStep = {
      status: 'checking',
      address,
      deadline: new Date(this.options.now() + this.options.checkTimeoutMs).toISOString(),
    };
    this.setServer(checking);
    const started = performance.now();
    void this.options.checkServer(address).then((result) => {
      // Only the check still on screen may land.
      if (this.server !== checking) return;
      const durationMs = Math.round(performance.now() - started);
      this.options.log.info(
        result.ok
          ? { serverUrl: result.serverUrl, fingerprint: result.fingerprint, durationMs }
          : { reason: result.reason, code: result.code, durationMs },
        result.ok ? 'setup: server accepted' : 'setup: server refused',
      );
      this.setServer({ status: 'checked', address, result });
    });
  }

  /** Back to the address, as typed, after a result. */
  retry(): void {
    if (this.step !== 'server' || this.server.status !== 'checked') return;
    this.setServer({ status: 'idle', address: this.server.address });
  }

  /** Takes an accepted server and goes on to technician sign-in; anything short of one is ignored. */
  continue(): void {
    if (this.step !== 'server' || this.server.status !== 'checked' || !this.server.result.ok) return;
    const { serverUrl, fingerprint } = this.server.result;
    this.options.config.set({ serverUrl, serverFingerprint: fingerprint, setupStep: 'technicianSignIn' });
    this.accepted = { serverUrl, fingerprint };
    this.step = 'technicianSignIn';
    this.options.log.info({ serverUrl, step: this.step }, 'setup: step reached');
    this.publish();
  }

  /**
   * Sends a technician's staff number and PIN to the accepted server, one attempt at a time; a
   * setup session goes on to placement, anything else is said on the sign-in step. The PIN is
   * passed on and not kept.
   */
  signInTechnician(staffNumber: string, pin: string): void {
    if (this.step !== 'technicianSignIn' || this.accepted === undefined || this.signIn.status === 'signingIn') return;
    const signingIn: TechnicianSignInStep = { status: 'signingIn' };
    this.setSignIn(signingIn);
    const { serverUrl } = this.accepted;
    void this.options
      .setupApi(serverUrl)
      .signIn(staffNumber, pin)
      .then((answer) => {
        if (this.signIn !== signingIn) return;
        if (!answer.ok) {
          const failure = this.signInFailure(answer);
          this.options.log.warn({ reason: failure.reason, serverUrl }, 'setup: technician sign-in refused');
          this.setSignIn({ status: 'idle', failure });
          return;
        }
        const session = answer.value;
        // Kept from any earlier sign-in: a retry after a lost answer must name the same enrolment.
        const setupRequestId = this.options.config.get('setupRequestId') ?? randomUUID();
        this.options.config.set({ setupSession: session, setupRequestId, setupStep: 'placement' });
        this.session = session;
        this.step = 'placement';
        this.signIn = { status: 'idle', failure: null };
        this.options.log.info({ staffId: session.technician.staffId, step: this.step }, 'setup: step reached');
        this.loadUnits();
      });
  }

  /** Asks the server for its housing units; on the placement step, and not while enrolling. */
  loadUnits(): void {
    if (this.step !== 'placement' || this.session === undefined || this.placement.status === 'enrolling') return;
    const loading: PlacementStep = { status: 'loading' };
    this.setPlacement(loading);
    void this.api()
      .housingUnits(this.session.token)
      .then((answer) => {
        if (this.placement !== loading) return;
        if (answer.ok) return this.setPlacement({ status: 'ready', housingUnits: answer.value, failure: null });
        if (answer.reason === 'unauthenticated') return this.sessionLapsed();
        this.setPlacement({ status: 'ready', housingUnits: [], failure: placementFailure(answer.reason) });
      });
  }

  /**
   * Enrols the kiosk in the unit at the place named, with the request ID kept since sign-in: asked
   * again after a lost answer, the server enrols the same kiosk. The identity it gives, the step
   * `devices` and the audit entry are stored in one transaction.
   */
  place(housingUnitId: string, location: string): void {
    const { session } = this;
    if (this.step !== 'placement' || session === undefined || this.placement.status !== 'ready') return;
    const requestId = this.options.config.get('setupRequestId') ?? randomUUID();
    this.options.config.set({ setupRequestId: requestId });
    const units = this.placement.housingUnits;
    this.setPlacement({ status: 'enrolling', housingUnitId, location });
    void this.api()
      .enrol(session.token, { requestId, housingUnitId, location })
      .then((answer) => {
        if (!answer.ok) {
          if (answer.reason === 'unauthenticated') return this.sessionLapsed();
          const failure = placementFailure(answer.reason);
          this.options.log.warn({ reason: failure, housingUnitId }, 'setup: placement refused');
          this.setPlacement({ status: 'ready', housingUnits: units, failure });
          if (failure === 'unit_gone') this.reloadAfter(failure);
          return;
        }
        const enrolled = answer.value;
        const staffId = session.technician.staffId;
        const placed = { housingUnit: enrolled.housingUnit.name, location: enrolled.location };
        this.options.atomically(() => {
          // The setup session stays: the devices step is the same technician's.
          this.options.config.set(
            {
              kioskId: enrolled.kioskId,
              kioskToken: enrolled.token,
              housingUnit: enrolled.housingUnit.id,
              setupPlacement: placed,
              setupStep: 'devices',
            },
            ['setupRequestId'],
          );
          this.options.audit.record({
            action: 'kiosk.provisioned',
            actor: `technician:${staffId}`,
            detail: {
              kioskId: enrolled.kioskId,
              housingUnitId: enrolled.housingUnit.id,
              location: enrolled.location,
              serverUrl: this.accepted?.serverUrl ?? null,
            },
          });
        });
        this.placed = placed;
        this.step = 'devices';
        this.options.log.info(
          { kioskId: enrolled.kioskId, housingUnit: enrolled.housingUnit.id, staffId, step: this.step },
          'setup: kiosk enrolled',
        );
        this.publish();
      });
  }

  /**
   * The technician's devices, one per role, stored by identity through the device service together
   * with the step `done` and the audit entry; a refused selection is said on the step and stores
   * nothing. Once done, the setup session is forgotten and main starts again in service.
   */
  chooseDevices(selection: DeviceSelection): void {
    const onDevices = this.devicesStep();
    if (onDevices === undefined) return;
    const staffId = onDevices.session.technician.staffId;
    const result = this.options.atomically(() => {
      const chosen = this.options.devices.choose(selection);
      if (!chosen.ok) return chosen;
      this.options.config.set({ setupStep: 'done' }, ['setupSession', 'setupPlacement']);
      const { inventory } = this.options.devices.chooser();
      const labelOf = (deviceId: string | null) =>
        deviceId === null ? null : (inventory.find((device) => device.deviceId === deviceId)?.label ?? null);
      this.options.audit.record({
        action: 'kiosk.devices_chosen',
        actor: `technician:${staffId}`,
        detail: Object.fromEntries(Object.entries(selection).map(([role, deviceId]) => [role, labelOf(deviceId)])),
      });
      return chosen;
    });
    if (!result.ok) {
      this.deviceFailure = result.failure;
      this.publish();
      return;
    }
    this.deviceFailure = null;
    this.session = undefined;
    this.step = 'done';
    this.options.log.info({ staffId, step: this.step }, 'setup: kiosk provisioned');
    this.publish();
    this.options.onProvisioned();
  }

  /** The list again after a unit vanished, keeping the failure on screen so the technician knows why. */
  private reloadAfter(failure: PlacementFailure): void {
    const { session } = this;
    if (session === undefined) return;
    void this.api()
      .housingUnits(session.token)
      .then((answer) => {
        if (this.placement.status !== 'ready' || this.placement.failure !== failure) return;
        if (answer.ok) this.setPlacement({ status: 'ready', housingUnits: answer.value, failure });
      });
  }

  /** The setup session lapsed: sign in again; the request ID stays, so no second kiosk is enrolled. */
  private sessionLapsed(): void {
    this.options.config.set({ setupStep: 'technicianSignIn' }, ['setupSession']);
    this.session = undefined;
    this.step = 'technicianSignIn';
    this.placement = { status: 'loading' };
    this.setSignIn({ status: 'idle', failure: { reason: 'session_expired', retryAt: null } });
  }

  private api() {
    if (this.accepted === undefined) throw new Error('setup has no accepted server');
    return this.options.setupApi(this.accepted.serverUrl);
  }

  private setPlacement(placement: PlacementStep): void {
    this.placement = placement;
    this.publish();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private signInFailure(failure: SetupApiFailure): TechnicianSignInFailure {
    const retryAt = (seconds: number | null) =>
      seconds === null ? null : new Date(this.options.now() + seconds * 1000).toISOString();
    switch (failure.reason) {
      case 'bad_credentials':
        return { reason: 'bad_credentials', retryAt: null };
      case 'locked_out':
        return { reason: 'locked_out', retryAt: retryAt(failure.retryAfterSeconds) };
      case 'too_many_requests':
        return { reason: 'too_many_attempts', retryAt: retryAt(failure.retryAfterSeconds) };
      case 'not_permitted':
        return { reason: 'not_technician', retryAt: null };
      case 'unreachable':
        return { reason: 'unreachable', retryAt: null };
      default:
        return { reason: 'server_error', retryAt: null };
    }
  }

  private setSignIn(signIn: TechnicianSignInStep): void {
    this.signIn = signIn;
    this.publish();
  }

  private setServer(server: ServerStep): void {
    this.server = server;
    this.publish();
  }

  private publish(): void {
    for (const listener of this.listeners) listener();
  }
}

function placementFailure(reason: SetupApiFailure['reason']): PlacementFailure {
  switch (reason) {
    case 'unreachable':
      return 'unreachable';
    case 'not_found':
      return 'unit_gone';
    case 'invalid_request':
      return 'invalid_location';
    default:
      return 'server_error';
  }
}
