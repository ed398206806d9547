import type { ServerCheckResult, ServerStep, SetupStep, SetupView } from '../../shared/contract/setup';
import type { Logger } from '../log/logger';
import type { ConfigStore } from '../store/config-store';

export interface SetupFlowOptions {
  /** Where the step reached and what each step settled are kept, so a kiosk powered off resumes. */
  config: Pick<ConfigStore, 'get' | 'set'>;
  /** The step the kiosk starts on (`setupStepAtStart`). */
  step: SetupStep;
  /** The server check (`checkServer`), bound to its options. */
  checkServer: (address: string) => Promise<ServerCheckResult>;
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
  /** The server the technician accepted, once they did. */
  private accepted: { serverUrl: string; fingerprint: string | null } | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly options: SetupFlowOptions) {
    const serverUrl = options.config.get('serverUrl');
    if (serverUrl !== undefined) {
      this.accepted = { serverUrl, fingerprint: options.config.get('serverFingerprint') ?? null };
    }
    // A later step without the server it builds on cannot go on: back to the server step.
    this.step = this.accepted === undefined ? 'server' : options.step;
  }

  view(): SetupView {
    if (this.step === 'server' || this.accepted === undefined) return { step: 'server', server: this.server };
    return { step: this.step, ...this.accepted };
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

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setServer(server: ServerStep): void {
    this.server = server;
    this.publish();
  }

  private publish(): void {
    for (const listener of this.listeners) listener();
  }
}
