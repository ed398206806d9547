import type {
  CallEndReason,
  CallTime,
  CallWarning,
  IdleWarning,
  KioskAtAGlance,
  CameraPosition,
  Language,
  MediaReport,
  Preferences,
  SessionSnapshot,
  SignInFailure,
  VisitNotice,
  VisitSummary,
} from '../../shared/contract/kiosk';
import { unreportedCallDevices, type CallDevices } from '../../shared/contract/devices';
import { defaultCameraPosition } from '../../shared/contract/kiosk';
import { canMakeCalls } from '../devices/device-health';
import type { VisitSession, VisitSessionEvent } from '../visit/visit-session';
import type { OpenVisitSession } from '../visit/visit-sessions';
import { startRefusal } from '../visit/visit-window';
import type { InmateSession, ResumeResult, VisitationService } from './visitation-service';

type Listener = (snapshot: SessionSnapshot) => void;
type KioskSnapshot = SessionSnapshot;

type State =
  | { screen: 'attract' }
  | { screen: 'devicesUnavailable' }
  | { screen: 'signIn'; busy: boolean; failure: SignInFailure | null }
  | { screen: 'visits'; busy: boolean; session: InmateSession; notice: VisitNotice | null }
  | { screen: 'precheck'; busy: boolean; session: InmateSession; visit: VisitSummary }
  | {
      screen: 'call';
      session: InmateSession;
      visit: VisitSummary;
      media: { serverUrl: string; ticket: string };
      /** Its timers, warnings, end and ledger: they run whether or not a renderer is there. */
      visitSession: VisitSession;
      warning: CallWarning | null;
    }
  /** The session is gone by now: nothing here needs the server again. */
  | { screen: 'summary'; visit: VisitSummary; reason: CallEndReason; time: CallTime };

/** The visitation server, and what the kiosk keeps of each visit joined on it. */
export interface KioskVisitation {
  service: VisitationService;
  openVisitSession: OpenVisitSession;
  /** The server's clock (`ServerClock.now`): whether a visit may start is the server's time's call. */
  serverNow: () => number;
}

export interface KioskMachineOptions {
  /** Stamps when a warning was given, for a renderer that loads later to tell it is old. */
  now?: () => number;
  /**
   * The service dimension's word (`ServiceDimension.acceptsInmates`): false while the kiosk is locked
   * or out of service, when nobody may begin or sign in.
   */
  acceptsInmates?: () => boolean;
  /** Without a server: why, as sign-in says (default `server_unavailable`). */
  withoutServer?: 'server_unavailable' | 'server_not_secure';
  /** Where the camera sits on the screen, read for each call screen (default top centre). */
  cameraPosition?: () => CameraPosition;
}

/** What staff did to the visit in progress, for the console and the audit. */
export type StaffEndOutcome =
  { ok: true; visitId: string } | { ok: false; reason: 'no_visit_in_progress' | 'other_visit_in_progress' };

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
  private devices: CallDevices = unreportedCallDevices;
  private revision = 0;
  private readonly listeners = new Set<Listener>();
  private readonly now: () => number;
  private readonly acceptsInmates: () => boolean;
  private readonly withoutServer: 'server_unavailable' | 'server_not_secure';
  private readonly cameraPosition: () => CameraPosition;

  constructor(
    private readonly server: KioskVisitation | undefined,
    options: KioskMachineOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.acceptsInmates = options.acceptsInmates ?? (() => true);
    this.withoutServer = options.withoutServer ?? 'server_unavailable';
    this.cameraPosition = options.cameraPosition ?? (() => defaultCameraPosition);
  }

  snapshot(): KioskSnapshot {
    const { state } = this;
    const common = {
      revision: this.revision,
      preferences: this.preferences,
      idleWarning: this.idleWarning,
      devices: this.devices,
    };
    switch (state.screen) {
      case 'attract':
        return { screen: 'attract', ...common };
      case 'devicesUnavailable':
        return { screen: 'devicesUnavailable', ...common };
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
          warning: state.warning,
          cameraPosition: this.cameraPosition(),
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
    if (this.state.screen === 'attract' && this.acceptsInmates())
      this.set({ screen: 'signIn', busy: false, failure: null });
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
    if (!this.acceptsInmates()) {
      this.set({ screen: 'attract' });
      return this.snapshot();
    }
    if (this.server === undefined) {
      this.set({ screen: 'signIn', busy: false, failure: { reason: this.withoutServer, retryAt: null } });
      return this.snapshot();
    }
    const busy: State = { screen: 'signIn', busy: true, failure: null };
    this.set(busy);
    const result = await this.server.service.signIn(inmateId, pin);
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

  /**
   * Refused here, with the reason shown, before the visit's window opens or after its end by the
   * server's clock; otherwise the server is asked, and its answer opens the call and its session.
   */
  async joinVisit(visitId: string): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'precheck' || asking.busy || asking.visit.visitId !== visitId) return this.snapshot();
    if (this.server === undefined) return this.snapshot();
    const { session, visit } = asking;
    const early = startRefusal(visit, this.server.serverNow());
    if (early !== undefined) {
      this.set({ screen: 'visits', busy: false, session, notice: { reason: early.reason, visitId } });
      return this.snapshot();
    }
    const busy: State = { ...asking, busy: true };
    this.set(busy);
    const result = await this.server.service.joinVisit(session.token, visitId);
    if (this.state !== busy) return this.snapshot();
    if (!result.ok) {
      this.set({ screen: 'visits', busy: false, session, notice: { reason: result.reason, visitId } });
      return this.snapshot();
    }
    const joined = { ...visit, endsAt: result.endsAt };
    const visitSession = this.server.openVisitSession(joined, (event) => this.onSessionEvent(visitId, event));
    const inCall: State = { screen: 'call', session, visit: joined, media: result.media, visitSession, warning: null };
    this.set(inCall);
    const started = visitSession.start();
    // Widened: the session's events during `start` run synchronously and may have moved the machine on.
    if (!started.ok && (this.state as State) === inCall) {
      // The server's clock moved past the end while the server answered.
      visitSession.close();
      this.set({ screen: 'visits', busy: false, session, notice: { reason: started.reason, visitId } });
    }
    return this.snapshot();
  }

  /**
   * Main restarted during this visit and the server let the kiosk back in (`resumeVisit`): the call
   * screen again, with the person's session, no sign-in; the ledger goes on, `lostMs` counted lost
   * from `stoppedAt`. Only from the attract screen: someone who began meanwhile keeps the kiosk.
   */
  resumeCall(
    visitId: string,
    resumed: Extract<ResumeResult, { ok: true }>,
    lost: { lostMs: number; stoppedAt: string },
  ): boolean {
    if (this.state.screen !== 'attract' || this.server === undefined) return false;
    const listed = resumed.session.visits.find((visit) => visit.visitId === visitId);
    if (listed === undefined) return false;
    const { session, media } = resumed;
    const visit = { ...listed, endsAt: resumed.endsAt };
    const visitSession = this.server.openVisitSession(visit, (event) => this.onSessionEvent(visitId, event), lost);
    const inCall: State = { screen: 'call', session, visit, media, visitSession, warning: null };
    this.set(inCall);
    const started = visitSession.start();
    if (!started.ok && (this.state as State) === inCall) {
      visitSession.close();
      this.endSession();
      return false;
    }
    return true;
  }

  /** The visit in progress as the heartbeat and the staff panel tell it; null on every screen but the call. */
  visitInProgress(): KioskAtAGlance['visit'] {
    const { state } = this;
    if (state.screen !== 'call') return null;
    const { phase, endsAt } = state.visitSession.state();
    if (phase === 'ending' || phase === 'ended') return null;
    const connection = phase === 'connected' || phase === 'reconnecting' ? phase : 'waiting';
    return { visitId: state.visit.visitId, visitorName: state.visit.visitorName, endsAt, state: connection };
  }

  /** The visit of the call on screen, if any. */
  callVisitId(): string | undefined {
    return this.state.screen === 'call' ? this.state.visit.visitId : undefined;
  }

  /**
   * Joins the visit under way again for a fresh media ticket; the call, its session and its screen go
   * on, only the snapshot's ticket (and the end, if the server moved it) changes. A server that
   * cannot answer yet changes nothing (the renderer asks again); a visit the server says is over
   * ends the call here, since no ticket will ever let the renderer back in.
   */
  async renewTicket(visitId: string): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'call' || asking.visit.visitId !== visitId || this.server === undefined) {
      return this.snapshot();
    }
    const result = await this.server.service.joinVisit(asking.session.token, visitId);
    const current = this.state;
    if (current.screen !== 'call' || current.visit.visitId !== visitId) return this.snapshot();
    if (result.ok) {
      this.set({ ...current, media: result.media, visit: { ...current.visit, endsAt: result.endsAt } });
      current.visitSession.setEndsAt(result.endsAt);
    } else if (result.reason !== 'server_unavailable') {
      const over = this.server.serverNow() >= Date.parse(current.visit.endsAt);
      this.finishCall(current, over ? 'completed' : 'ended_by_server');
    }
    return this.snapshot();
  }

  /**
   * The renderer's word on whether the visitor's media reaches the kiosk, and if not, why and since
   * how long before the report; it changes no screen.
   */
  reportMedia(visitId: string, report: MediaReport): void {
    const { state } = this;
    if (state.screen !== 'call' || state.visit.visitId !== visitId) return;
    if (report.connected) state.visitSession.mediaUp(report.startedMsAgo);
    else state.visitSession.mediaDown(report.cause ?? 'media_stalled', report.stoppedMsAgo);
  }

  /**
   * Ends the call on the server. A call that never carried media and failed goes back to the list so
   * the person can try again; any other ends on the after-call screen with the time it took.
   */
  async endVisit(visitId: string, reason: CallEndReason, endedMsAgo = 0): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'call' || asking.visit.visitId !== visitId || this.server === undefined) {
      return this.snapshot();
    }
    const { session, visit } = asking;
    asking.visitSession.end(reason, endedMsAgo);
    const time = callTime(asking.visitSession);
    if (reason !== 'failed' || time.connectedSeconds > 0) {
      this.set({ screen: 'summary', visit, reason, time });
      await this.server.service.endVisit(session.token, visitId, reason);
      asking.visitSession.ended(reason);
      return this.snapshot();
    }
    const ending: State = { screen: 'visits', busy: true, session, notice: { reason: 'call_failed', visitId } };
    this.set(ending);
    await this.server.service.endVisit(session.token, visitId, reason);
    asking.visitSession.ended(reason);
    const visits = await this.server.service.listVisits(session.token);
    if (this.state !== ending) return this.snapshot();
    this.set({ ...ending, busy: false, session: { ...session, visits: visits ?? session.visits } });
    return this.snapshot();
  }

  /**
   * Staff ended the visit in progress (at the kiosk or from the console): the after-call screen says
   * so, the ledger closes with `ended_by_staff`, and the server hears that reason. The screen and the
   * ledger change before this returns; only the server's answer is awaited after.
   */
  endVisitByStaff(visitId?: string): StaffEndOutcome {
    const { state } = this;
    if (state.screen !== 'call') return { ok: false, reason: 'no_visit_in_progress' };
    if (visitId !== undefined && state.visit.visitId !== visitId)
      return { ok: false, reason: 'other_visit_in_progress' };
    void this.endVisit(state.visit.visitId, 'ended_by_staff');
    return { ok: true, visitId: state.visit.visitId };
  }

  /**
   * The kiosk was locked or put out of service: whoever is signing in or choosing a visit is signed
   * out; a call goes on (staff end it apart) and its after-call screen stays until "Done".
   */
  closeToInmates(): void {
    const { screen } = this.state;
    if (screen === 'signIn' || screen === 'visits' || screen === 'precheck') this.endSession();
  }

  /**
   * Staff reset: the inmate's session ends from any screen (a call is ended by staff first, its
   * ledger closed), every trace of them goes, and the next person starts on the attract screen.
   * Returns the visit it ended, if any.
   */
  reset(): string | undefined {
    const { state } = this;
    let ended: string | undefined;
    if (state.screen === 'call') {
      ended = state.visit.visitId;
      state.visitSession.end('ended_by_staff');
      void this.server?.service
        .endVisit(state.session.token, ended, 'ended_by_staff')
        .finally(() => state.visitSession.ended('ended_by_staff'));
    }
    this.endSession();
    this.idleWarning = null;
    return ended;
  }

  /** Main is stopping: a call's session keeps its ledger unfinished for the next start to close. */
  close(): void {
    if (this.state.screen === 'call') this.state.visitSession.close();
  }

  /** A warning goes to the call screen; the end time reached ends the call, renderer or not. */
  private onSessionEvent(visitId: string, event: VisitSessionEvent): void {
    const { state } = this;
    if (state.screen !== 'call' || state.visit.visitId !== visitId) return;
    if (event.type === 'warning') {
      const { secondsBefore, secondsLeft, endsAt } = event.warning;
      const givenAt = new Date(this.now()).toISOString();
      this.set({ ...state, warning: { secondsBefore, secondsLeft, endsAt, givenAt } });
    } else if (event.state.phase === 'ending' && event.state.reason === 'completed') {
      // The server ends the visit at the same time by its own timer; nothing to ask of it.
      this.finishCall(state, 'completed');
    }
  }

  private finishCall(state: Extract<State, { screen: 'call' }>, reason: CallEndReason): void {
    state.visitSession.end(reason);
    this.set({ screen: 'summary', visit: state.visit, reason, time: callTime(state.visitSession) });
    state.visitSession.ended(reason);
  }

  setLanguage(language: Language): KioskSnapshot {
    if (language !== this.preferences.language) this.setPreferences({ ...this.preferences, language });
    return this.snapshot();
  }

  setLargeText(largeText: boolean): KioskSnapshot {
    if (largeText !== this.preferences.largeText) this.setPreferences({ ...this.preferences, largeText });
    return this.snapshot();
  }

  /**
   * The device service's word on the camera, microphone and speaker. Without a working camera and
   * microphone nobody may start a visit: the person signing in or choosing one is signed out, and
   * the kiosk says it cannot make calls until they work again; a call under way goes on (it deals
   * with its own device faults), and its end comes here too.
   */
  setCallDevices(devices: CallDevices): void {
    this.devices = devices;
    const { screen } = this.state;
    if (!this.callsPossible() && (screen === 'signIn' || screen === 'visits' || screen === 'precheck')) {
      this.endSession();
    } else if (screen === 'attract' || screen === 'devicesUnavailable') {
      this.set({ screen: 'attract' });
    } else {
      this.publish();
    }
  }

  private callsPossible(): boolean {
    return canMakeCalls(this.devices);
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
    if ('session' in state) void this.server?.service.signOut(state.session.token);
    this.preferences = defaultPreferences;
    this.set({ screen: 'attract' });
  }

  private setPreferences(preferences: Preferences): void {
    this.preferences = preferences;
    this.publish();
  }

  private set(wanted: State): void {
    const state: State =
      wanted.screen === 'attract' && !this.callsPossible() ? { screen: 'devicesUnavailable' } : wanted;
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

/** Whole seconds, as the after-call screen shows them, from the visit's ledger. */
function callTime(session: VisitSession): CallTime {
  const ledger = session.ledger();
  return { connectedSeconds: Math.floor(ledger.connectedSeconds), lostSeconds: Math.floor(ledger.disconnectedSeconds) };
}
