import { randomUUID } from 'node:crypto';
import { type MediaCheckMeasurement, type MediaCheckResult } from '../../shared/contract/media-check';
import type {
  CertificateFingerprint,
  PlacementFailure,
  ProvisioningFileNotice,
  PlacementStep,
  ServerCheckResult,
  ServerStep,
  SetupPlacement,
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
import type { MediaCheckRoom } from './media-check-room';
import { MediaCheckRun } from './media-check-run';
import type { ProvisioningFile, ProvisioningFileRead } from './provisioning-file';
import type { SetupApi, SetupApiFailure, SetupApiResult } from './setup-api';

export interface SetupFlowOptions {
  /** Where the step reached and what each step settled are kept, so a kiosk powered off resumes. */
  config: Pick<ConfigStore, 'get' | 'set'>;
  /** The step the kiosk starts on (`setupStepAtStart`). */
  step: SetupStep;
  /** The server check (`checkServer`), bound to its options; the fingerprint is a provisioning file's. */
  checkServer: (address: string, expectedFingerprint: CertificateFingerprint | null) => Promise<ServerCheckResult>;
  /** The zero-touch provisioning file found at start, if any (`readProvisioningFile`). */
  provisioningFile?: ProvisioningFileRead;
  /** The server's setup endpoints at the accepted address. */
  setupApi: (serverUrl: string) => SetupApi;
  /** The device service: the devices step lists its inventory and stores the choice through it. */
  devices: Pick<DeviceService, 'chooser' | 'choose' | 'onInventory' | 'subscribe'>;
  /** The check's bounded wait, for the countdown. */
  checkTimeoutMs: number;
  /** Asks the server, as the newly enrolled kiosk, for an echo room for the media check (`openMediaCheckRoom`). */
  openMediaCheck: (serverUrl: string, kioskToken: string) => Promise<MediaCheckRoom>;
  /** The provisioning goes in the kiosk's audit log (and through the outbox to the server). */
  audit: { record(entry: AuditEntry): unknown };
  /** One store transaction: the identity, the step and the audit entry are kept together or not at all. */
  atomically: <T>(work: () => T) => T;
  /**
   * Called once the kiosk is enrolled and its identity stored: main starts again, now in service
   * (the host's restart; the control link and everything on it start with the runtime).
   */
  onProvisioned: () => void;
  /**
   * Loads the renderer afresh: its Content-Security-Policy admits only the server accepted when the
   * page was served, and the check's test call is the page's first connection to it.
   */
  reloadRenderer: () => void;
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
  /** Where placement put the kiosk, once it did. */
  private placed: SetupPlacement | undefined;
  /** Why the devices step's last selection was refused. */
  private deviceFailure: DeviceSelectionFailure | null = null;
  private readonly check: MediaCheckRun;
  /** The passing check that finished setup. */
  private passed: MediaCheckResult | undefined;
  /** The provisioning file still filling in steps; dropped once one of its steps is refused. */
  private file: { path: string; contents: ProvisioningFile } | undefined;
  /** Stored with `done`, so the same file is not applied again: any valid file seen, used or not. */
  private readonly fileHash: string | undefined;
  private fileNotice: ProvisioningFileNotice | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly options: SetupFlowOptions) {
    const serverUrl = options.config.get('serverUrl');
    if (serverUrl !== undefined) {
      this.accepted = { serverUrl, fingerprint: options.config.get('serverFingerprint') ?? null };
    }
    this.session = options.config.get('setupSession');
    this.placed = options.config.get('setupPlacement');
    this.check = new MediaCheckRun({
      openRoom: () => {
        const token = options.config.get('kioskToken');
        const url = this.accepted?.serverUrl;
        return url === undefined || token === undefined
          ? Promise.resolve({ ok: false, reason: 'unreachable' })
          : options.openMediaCheck(url, token);
      },
      serverUrl: () => this.accepted?.serverUrl,
      now: options.now,
      onChange: () => this.publish(),
      log: options.log,
    });
    // A later step without what it builds on cannot go on: back to the step that provides it.
    this.step = this.accepted === undefined ? 'server' : options.step;
    if (this.step === 'placement' && this.session === undefined) this.step = 'technicianSignIn';
    // The devices step and the check are the enrolled kiosk's: without its identity, placement again.
    const enrolled = this.placed !== undefined && options.config.get('kioskToken') !== undefined;
    if ((this.step === 'devices' || this.step === 'check') && !enrolled) {
      this.step = this.session === undefined ? 'technicianSignIn' : 'placement';
    }
    const read = options.provisioningFile ?? { kind: 'none' };
    if (read.kind === 'valid') {
      this.file = { path: read.path, contents: read.file };
      this.fileHash = read.hash;
      this.fileNotice = { status: 'applying', path: read.path };
      options.log.info({ path: read.path, step: this.step }, 'setup: provisioning file found');
    } else if (read.kind === 'invalid') {
      this.fileNotice = { status: 'invalid', path: read.path, issues: read.issues };
      options.log.warn({ path: read.path, issues: read.issues }, 'setup: provisioning file malformed, not applied');
    } else if (read.kind === 'alreadyApplied') {
      this.fileNotice = { status: 'alreadyApplied', path: read.path };
      options.log.info({ path: read.path }, 'setup: provisioning file applied before, ignored');
    }
    if (this.step === 'placement') this.loadUnits();
    else if (this.step === 'check') this.startCheck();
    else this.applyFile();
    // The devices step lists what the renderer reports, as it reports it (a camera plugged in now).
    const onDevices = (): void => {
      if (this.step === 'devices') this.publish();
    };
    options.devices.onInventory(onDevices);
    options.devices.subscribe(onDevices);
  }

  view(): SetupView {
    const provisioningFile = this.fileNotice;
    if (this.step === 'done' && this.placed !== undefined && this.passed !== undefined) {
      return { step: 'done', provisioningFile, ...this.placed, check: this.passed };
    }
    if (this.step === 'check' && this.placed !== undefined) {
      return { step: 'check', provisioningFile, ...this.placed, check: this.check.view() };
    }
    if (this.step === 'devices' && this.placed !== undefined) {
      return {
        step: 'devices',
        provisioningFile,
        technician: this.session?.technician?.displayName ?? null,
        ...this.placed,
        chooser: this.options.devices.chooser(this.deviceFailure),
      };
    }
    if (this.step === 'server' || this.accepted === undefined) {
      return { step: 'server', provisioningFile, server: this.server };
    }
    if (this.step === 'technicianSignIn' || this.session === undefined) {
      return { step: 'technicianSignIn', provisioningFile, ...this.accepted, signIn: this.signIn };
    }
    return {
      step: 'placement',
      provisioningFile,
      ...this.accepted,
      technician: this.session.technician?.displayName ?? null,
      placement: this.placement,
    };
  }

  /**
   * Fills in the step the kiosk is on from the provisioning file, where it covers it: the server
   * check, the sign-in by enrolment code, the placement once the units are listed.
   */
  private applyFile(): void {
    const file = this.file?.contents;
    if (file === undefined) return;
    if (this.step === 'server' && file.serverAddress !== undefined) {
      this.checkServer(file.serverAddress, { expectedFingerprint: file.certificateFingerprint ?? null });
    } else if (this.step === 'technicianSignIn' && file.enrolmentCode !== undefined) {
      this.signInWithCode(file.enrolmentCode, true);
    } else if (
      this.step === 'placement' &&
      this.placement.status === 'ready' &&
      file.housingUnit !== undefined &&
      file.location !== undefined
    ) {
      const unit = file.housingUnit;
      if (this.placement.failure !== null || !this.placement.housingUnits.some(({ id }) => id === unit)) {
        this.stopFile('placement');
        return this.publish();
      }
      this.place(unit, file.location, true);
    }
  }

  /**
   * A step the file gave was refused: it says so there, and the technician goes on by hand. Not
   * published by itself: the refusal's own change shows both at once.
   */
  private stopFile(step: 'server' | 'technicianSignIn' | 'placement'): void {
    if (this.file === undefined) return;
    this.options.log.warn({ path: this.file.path, step }, 'setup: provisioning file refused, stopped at this step');
    this.fileNotice = { status: 'stopped', path: this.file.path, step };
    this.file = undefined;
  }

  /** Checks an address; one check at a time, and only on the server step. */
  checkServer(address: string, fromFile?: { expectedFingerprint: CertificateFingerprint | null }): void {
    if (this.step !== 'server' || this.server.status === 'checking') return;
    const checking: ServerStep = {
      status: 'checking',
      address,
      deadline: new Date(this.options.now() + this.options.checkTimeoutMs).toISOString(),
    };
    this.setServer(checking);
    const started = performance.now();
    void this.options.checkServer(address, fromFile?.expectedFingerprint ?? null).then((result) => {
      // Only the check still on screen may land.
      if (this.server !== checking) return;
      const durationMs = Math.round(performance.now() - started);
      this.options.log.info(
        result.ok
          ? { serverUrl: result.serverUrl, fingerprint: result.fingerprint, durationMs }
          : { reason: result.reason, code: result.code, durationMs },
        result.ok ? 'setup: server accepted' : 'setup: server refused',
      );
      if (fromFile !== undefined && !result.ok) this.stopFile('server');
      this.setServer({ status: 'checked', address, result });
      if (fromFile !== undefined && result.ok) this.continue();
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
    this.applyFile();
  }

  /**
   * Sends a technician's staff number and PIN to the accepted server, one attempt at a time; a
   * setup session goes on to placement, anything else is said on the sign-in step. The PIN is
   * passed on and not kept.
   */
  signInTechnician(staffNumber: string, pin: string): void {
    this.openSession((api) => api.signIn(staffNumber, pin), false);
  }

  /**
   * The facility's enrolment code instead of a technician's staff number and PIN, typed or from the
   * provisioning file; the session it opens goes on to placement as a technician's does.
   */
  signInWithCode(code: string, fromFile = false): void {
    this.openSession((api) => api.signInWithCode(code), fromFile);
  }

  private openSession(request: (api: SetupApi) => Promise<SetupApiResult<SetupSession>>, fromFile: boolean): void {
    if (this.step !== 'technicianSignIn' || this.accepted === undefined || this.signIn.status === 'signingIn') return;
    const signingIn: TechnicianSignInStep = { status: 'signingIn' };
    this.setSignIn(signingIn);
    const { serverUrl } = this.accepted;
    void request(this.options.setupApi(serverUrl)).then((answer) => {
      if (this.signIn !== signingIn) return;
      if (!answer.ok) {
        const failure = this.signInFailure(answer);
        this.options.log.warn({ reason: failure.reason, serverUrl }, 'setup: technician sign-in refused');
        if (fromFile) this.stopFile('technicianSignIn');
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
      this.options.log.info({ staffId: session.technician?.staffId ?? null, step: this.step }, 'setup: step reached');
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
        if (!answer.ok && answer.reason === 'unauthenticated') return this.sessionLapsed();
        this.setPlacement(
          answer.ok
            ? { status: 'ready', housingUnits: answer.value, failure: null }
            : { status: 'ready', housingUnits: [], failure: placementFailure(answer.reason) },
        );
        this.applyFile();
      });
  }

  /**
   * Enrols the kiosk in the unit at the place named, with the request ID kept since sign-in: asked
   * again after a lost answer, the server enrols the same kiosk. The identity it gives and the step
   * `devices` are stored in one write; the setup is audited once the check passed.
   */
  place(housingUnitId: string, location: string, fromFile = false): void {
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
          if (fromFile) this.stopFile('placement');
          this.setPlacement({ status: 'ready', housingUnits: units, failure });
          if (failure === 'unit_gone') this.reloadAfter(failure);
          return;
        }
        const enrolled = answer.value;
        const placed = { housingUnit: enrolled.housingUnit.name, location: enrolled.location };
        // The identity is kept at once (the server holds it now); setup is finished by a passing check.
        // The setup session stays: the devices step and the check are the same technician's.
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
        this.placed = placed;
        this.step = 'devices';
        this.options.log.info(
          { kioskId: enrolled.kioskId, housingUnit: enrolled.housingUnit.id, step: this.step },
          'setup: kiosk enrolled',
        );
        this.publish();
      });
  }

  /**
   * The technician's devices, one per role, stored by identity through the device service together
   * with the step `check` and the audit entry; a refused selection is said on the step and stores
   * nothing. The renderer is loaded afresh for the check, which then starts.
   */
  chooseDevices(selection: DeviceSelection): void {
    if (this.step !== 'devices' || this.placed === undefined) return;
    const actor = provisionedBy(this.session);
    const result = this.options.atomically(() => {
      const chosen = this.options.devices.choose(selection);
      if (!chosen.ok) return chosen;
      this.options.config.set({ setupStep: 'check' });
      const { inventory } = this.options.devices.chooser();
      const labelOf = (deviceId: string | null) =>
        deviceId === null ? null : (inventory.find((device) => device.deviceId === deviceId)?.label ?? null);
      this.options.audit.record({
        action: 'kiosk.devices_chosen',
        actor,
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
    this.step = 'check';
    this.options.log.info({ actor, step: this.step }, 'setup: step reached');
    this.options.reloadRenderer();
    this.startCheck();
  }

  /**
   * Asks the server for an echo room as the enrolled kiosk; the renderer runs the test call with
   * the ticket and reports what it measured (`reportCheck`). One check at a time.
   */
  startCheck(): void {
    if (this.step === 'check' && this.options.config.get('kioskToken') !== undefined) this.check.start();
  }

  /**
   * What the renderer measured in the running check. Main judges it: a failure stays on the check
   * step with its reason and a retry; a pass stores the result, the step `done` and the audit entry
   * in one transaction, forgets the setup session, and brings the kiosk into service.
   */
  reportCheck(measurement: MediaCheckMeasurement): void {
    const { session } = this;
    const result = this.step === 'check' ? this.check.report(measurement) : undefined;
    if (result?.ok !== true) return;
    const kioskId = this.options.config.get('kioskId') ?? null;
    const housingUnitId = this.options.config.get('housingUnit') ?? null;
    this.options.atomically(() => {
      this.options.config.set(
        {
          mediaCheck: result,
          setupStep: 'done',
          ...(this.fileHash === undefined ? {} : { provisioningFileHash: this.fileHash }),
        },
        ['setupSession', 'setupRequestId', 'setupPlacement'],
      );
      this.options.audit.record({
        action: 'kiosk.provisioned',
        actor: provisionedBy(session),
        detail: {
          kioskId,
          housingUnitId,
          location: this.placed?.location ?? null,
          serverUrl: this.accepted?.serverUrl ?? null,
          provisioningFile: this.fileNotice?.status === 'applying' ? this.fileNotice.path : null,
          mediaPath: result.path,
          roundTripMs: result.roundTripMs,
          packetLossPercent: result.packetLossPercent,
          videoBitrateKbps: result.videoBitrateKbps,
          mediaCheckMs: result.durationMs,
        },
      });
    });
    this.session = undefined;
    this.passed = result;
    this.step = 'done';
    this.options.log.info({ kioskId, housingUnitId }, 'setup: kiosk provisioned');
    this.publish();
    this.options.onProvisioned();
  }

  /** Another check after a failed one. */
  retryCheck(): void {
    this.startCheck();
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
    this.stopFile('placement');
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
      case 'code_refused':
        return { reason: 'code_refused', retryAt: null };
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

/** Who provisioned the kiosk, for the audit: the technician signed in, or the facility's enrolment code. */
function provisionedBy(session: SetupSession | undefined): string {
  if (session === undefined) return 'technician:unknown';
  return session.technician === null ? 'enrolment-code' : `technician:${session.technician.staffId}`;
}
