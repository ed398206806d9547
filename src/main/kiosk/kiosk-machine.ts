import type {
  CallEndReason,
  CallTime,
  IdleWarning,
  KioskSnapshot,
  Language,
  Preferences,
  SignInFailure,
  VisitNotice,
  VisitSummary,
} from '../../shared/contract/kiosk';
import { CallClock } from './call-time';
import { defaultKioskSettings } from './kiosk-settings';
import type { InmateSession, VisitationService } from './visitation-service';

type Listener = (snapshot: KioskSnapshot) => void;

type State =
  | { screen: 'attract' }
  | { screen: 'signIn'; busy: boolean; failure: SignInFailure | null }
  | { screen: 'visits'; busy: boolean; session: InmateSession; notice: VisitNotice | null }
  | { screen: 'precheck'; busy: boolean; session: InmateSession; visit: VisitSummary }
  | {
      screen: 'call';
      session: InmateSession;
      visit: VisitSummary;
      media: { serverUrl: string; ticket: string };
      clock: CallClock;
    }
  /** The session is gone by now: nothing here needs the server again. */
  | { screen: 'summary'; visit: VisitSummary; reason: CallEndReason; time: CallTime };

export interface KioskMachineOptions {
  /** Seconds before a visit's end at which the call screen warns. */
  callWarningSeconds?: readonly number[];
  /** Call time is measured on the kiosk's own clock, untouched by corrections to the server's. */
  now?: () => number;
}

const defaultPreferences: Preferences = { language: 'en', largeText: false };

/**
 * The kiosk's screen state lives in main so it survives a renderer crash or reload: a fresh
 * renderer asks for the snapshot and draws the same screen. An action a screen does not accept
 * changes nothing, which makes double taps and late answers harmless: every awaited answer is
 * applied only if the kiosk is still in the state that asked.
 */
export class KioskMachine {
  private state: State = { screen: 'attract' };
  private preferences = defaultPreferences;
  private idleWarning: IdleWarning | null = null;
  private revision = 0;
  private readonly listeners = new Set<Listener>();
  private readonly callWarningSeconds: number[];
  private readonly now: () => number;

  constructor(
    private readonly visitation: VisitationService | undefined,
    options: KioskMachineOptions = {},
  ) {
    this.callWarningSeconds = [...(options.callWarningSeconds ?? defaultKioskSettings.callWarningSeconds)];
    this.now = options.now ?? Date.now;
  }

  snapshot(): KioskSnapshot {
    const { state } = this;
    const common = { revision: this.revision, preferences: this.preferences, idleWarning: this.idleWarning };
    switch (state.screen) {
      case 'attract':
        return { screen: 'attract', ...common };
      case 'signIn':
        return { screen: 'signIn', ...common, busy: state.busy, failure: state.failure };
      case 'visits':
        return {
          screen: 'visits',
          ...common,
          busy: state.busy,
          inmate: { displayName: state.session.displayName },
          visits: state.session.visits,
          notice: state.notice,
        };
      case 'precheck':
        return {
          screen: 'precheck',
          ...common,
          busy: state.busy,
          inmate: { displayName: state.session.displayName },
          visit: state.visit,
        };
      case 'call':
        return {
          screen: 'call',
          ...common,
          inmate: { displayName: state.session.displayName },
          visit: state.visit,
          media: state.media,
          warningSeconds: this.callWarningSeconds,
        };
      case 'summary':
        return { screen: 'summary', ...common, visit: state.visit, reason: state.reason, time: state.time };
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  begin(): KioskSnapshot {
    if (this.state.screen === 'attract') this.set({ screen: 'signIn', busy: false, failure: null });
    return this.snapshot();
  }

  /** Back one screen. Leaving the visit list for the attract screen drops the session with it. */
  cancel(): KioskSnapshot {
    const { state } = this;
    if (state.screen === 'signIn') this.set({ screen: 'attract' });
    else if (state.screen === 'visits') this.endSession();
    else if (state.screen === 'precheck' && !state.busy) {
      this.set({ screen: 'visits', busy: false, session: state.session, notice: null });
    }
    return this.snapshot();
  }

  /** Ends the person's session from any screen but the call, which ends only by hanging up. */
  signOut(): KioskSnapshot {
    const { screen } = this.state;
    if (screen === 'visits' || screen === 'precheck' || screen === 'summary') this.endSession();
    return this.snapshot();
  }

  async signIn(inmateId: string, pin: string): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'signIn' || asking.busy) return this.snapshot();
    if (this.visitation === undefined) {
      this.set({ screen: 'signIn', busy: false, failure: { reason: 'server_unavailable', retryAt: null } });
      return this.snapshot();
    }
    const busy: State = { screen: 'signIn', busy: true, failure: null };
    this.set(busy);
    const result = await this.visitation.signIn(inmateId, pin);
    if (this.state !== busy) return this.snapshot();
    this.set(
      result.ok
        ? { screen: 'visits', busy: false, session: result.session, notice: null }
        : { screen: 'signIn', busy: false, failure: result.failure },
    );
    return this.snapshot();
  }

  /** From the visit list to the screen before the call; the server is asked only once the notice is acknowledged. */
  startVisit(visitId: string): KioskSnapshot {
    const asking = this.state;
    if (asking.screen !== 'visits' || asking.busy) return this.snapshot();
    const visit = asking.session.visits.find((listed) => listed.visitId === visitId);
    if (visit !== undefined) this.set({ screen: 'precheck', busy: false, session: asking.session, visit });
    return this.snapshot();
  }

  async joinVisit(visitId: string): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'precheck' || asking.busy || asking.visit.visitId !== visitId) return this.snapshot();
    if (this.visitation === undefined) return this.snapshot();
    const busy: State = { ...asking, busy: true };
    this.set(busy);
    const result = await this.visitation.joinVisit(asking.session.token, visitId);
    if (this.state !== busy) return this.snapshot();
    const { session, visit } = asking;
    this.set(
      result.ok
        ? {
            screen: 'call',
            session,
            visit: { ...visit, endsAt: result.endsAt },
            media: result.media,
            clock: new CallClock(this.now),
          }
        : { screen: 'visits', busy: false, session, notice: { reason: result.reason, visitId } },
    );
    return this.snapshot();
  }

  /**
   * Joins the visit under way again for a fresh media ticket; the call, its clock and its screen go
   * on, only the snapshot's ticket changes. A refusal (the visit is over) changes nothing: the
   * renderer's reconnect is then refused and ends the call as usual.
   */
  async renewTicket(visitId: string): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'call' || asking.visit.visitId !== visitId || this.visitation === undefined) {
      return this.snapshot();
    }
    const result = await this.visitation.joinVisit(asking.session.token, visitId);
    const current = this.state;
    if (result.ok && current.screen === 'call' && current.visit.visitId === visitId) {
      this.set({ ...current, media: result.media });
    }
    return this.snapshot();
  }

  /** The renderer's word on whether the visitor's media reaches the kiosk; it changes no screen. */
  reportMedia(visitId: string, connected: boolean): void {
    const { state } = this;
    if (state.screen === 'call' && state.visit.visitId === visitId) state.clock.report(connected);
  }

  /**
   * Ends the call on the server. A call that never carried media and failed goes back to the list so
   * the person can try again; any other ends on the after-call screen with the time it took.
   */
  async endVisit(visitId: string, reason: CallEndReason): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'call' || asking.visit.visitId !== visitId || this.visitation === undefined) {
      return this.snapshot();
    }
    const { session, visit } = asking;
    const time = asking.clock.read();
    if (reason !== 'failed' || time.connectedSeconds > 0) {
      this.set({ screen: 'summary', visit, reason, time });
      await this.visitation.endVisit(session.token, visitId, reason);
      return this.snapshot();
    }
    const ending: State = { screen: 'visits', busy: true, session, notice: { reason: 'call_failed', visitId } };
    this.set(ending);
    await this.visitation.endVisit(session.token, visitId, reason);
    const visits = await this.visitation.listVisits(session.token);
    if (this.state !== ending) return this.snapshot();
    this.set({ ...ending, busy: false, session: { ...session, visits: visits ?? session.visits } });
    return this.snapshot();
  }

  setLanguage(language: Language): KioskSnapshot {
    if (language !== this.preferences.language) this.setPreferences({ ...this.preferences, language });
    return this.snapshot();
  }

  setLargeText(largeText: boolean): KioskSnapshot {
    if (largeText !== this.preferences.largeText) this.setPreferences({ ...this.preferences, largeText });
    return this.snapshot();
  }

  /** Shows "Are you still there?" until `signsOutAt`; the call is never interrupted. */
  warnIdle(signsOutAt: Date): void {
    if (this.state.screen === 'call') return;
    this.idleWarning = { signsOutAt: signsOutAt.toISOString() };
    this.publish();
  }

  /** Someone touched the screen. */
  stillHere(): void {
    if (this.idleWarning === null) return;
    this.idleWarning = null;
    this.publish();
  }

  /** Nobody is there: every trace of the person goes, and the next one starts in English. */
  timeOut(): void {
    if (this.state.screen === 'call') return;
    const { language, largeText } = this.preferences;
    if (this.state.screen === 'attract' && language === defaultPreferences.language && !largeText) return;
    this.endSession();
  }

  private endSession(): void {
    const { state } = this;
    // The server forgets the session too, so a token left behind is worth nothing; the kiosk does
    // not wait for it: the person has gone and the screen must clear now.
    if ('session' in state) void this.visitation?.signOut(state.session.token);
    this.preferences = defaultPreferences;
    this.set({ screen: 'attract' });
  }

  private setPreferences(preferences: Preferences): void {
    this.preferences = preferences;
    this.publish();
  }

  private set(state: State): void {
    if (state.screen !== this.state.screen) this.idleWarning = null;
    this.state = state;
    this.publish();
  }

  private publish(): void {
    this.revision += 1;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
