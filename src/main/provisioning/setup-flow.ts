import { randomUUID } from 'node:crypto';
import type {
  ServerCheckResult,
  ServerStep,
  SetupStep,
  SetupView,
  TechnicianSignInFailure,
  TechnicianSignInStep,
} from '../../shared/contract/setup';
import type { SetupSession } from '../../shared/protocol/setup';
import type { Logger } from '../log/logger';
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
  /** The check's bounded wait, for the countdown. */
  checkTimeoutMs: number;
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
  private readonly listeners = new Set<Listener>();

  constructor(private readonly options: SetupFlowOptions) {
    const serverUrl = options.config.get('serverUrl');
    if (serverUrl !== undefined) {
      this.accepted = { serverUrl, fingerprint: options.config.get('serverFingerprint') ?? null };
    }
    this.session = options.config.get('setupSession');
    // A later step without what it builds on cannot go on: back to the step that provides it.
    this.step = this.accepted === undefined ? 'server' : options.step;
    if (this.step === 'placement' && this.session === undefined) this.step = 'technicianSignIn';
  }

  view(): SetupView {
    if (this.step === 'server' || this.accepted === undefined) return { step: 'server', server: this.server };
    if (this.step === 'technicianSignIn' || this.session === undefined) {
      return { step: 'technicianSignIn', ...this.accepted, signIn: this.signIn };
    }
    return { step: 'placement', ...this.accepted, technician: this.session.technician.displayName };
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
        this.publish();
      });
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
