import type {
  CallEndReason,
  KioskSnapshot,
  SignInFailure,
  VisitNotice,
  VisitSummary,
} from '../../shared/contract/kiosk';
import type { InmateSession, VisitationService } from './visitation-service';

type Listener = (snapshot: KioskSnapshot) => void;

type State =
  | { screen: 'attract' }
  | { screen: 'signIn'; busy: boolean; failure: SignInFailure | null }
  | { screen: 'visits'; busy: boolean; session: InmateSession; notice: VisitNotice | null }
  | { screen: 'call'; session: InmateSession; visit: VisitSummary; media: { serverUrl: string; ticket: string } };

/**
 * The kiosk's screen state lives in main so it survives a renderer crash or reload: a fresh
 * renderer asks for the snapshot and draws the same screen. An action a screen does not accept
 * changes nothing, which makes double taps and late answers harmless: every awaited answer is
 * applied only if the kiosk is still in the state that asked.
 */
export class KioskMachine {
  private state: State = { screen: 'attract' };
  private revision = 0;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly visitation: VisitationService | undefined) {}

  snapshot(): KioskSnapshot {
    const { revision, state } = this;
    switch (state.screen) {
      case 'attract':
        return { screen: 'attract', revision };
      case 'signIn':
        return { screen: 'signIn', revision, busy: state.busy, failure: state.failure };
      case 'visits':
        return {
          screen: 'visits',
          revision,
          busy: state.busy,
          inmate: { displayName: state.session.displayName },
          visits: state.session.visits,
          notice: state.notice,
        };
      case 'call':
        return {
          screen: 'call',
          revision,
          inmate: { displayName: state.session.displayName },
          visit: state.visit,
          media: state.media,
        };
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

  /** Leaves sign-in or the visit list for the attract screen, dropping the session with it. */
  cancel(): KioskSnapshot {
    if (this.state.screen === 'signIn' || this.state.screen === 'visits') this.set({ screen: 'attract' });
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

  async startVisit(visitId: string): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'visits' || asking.busy || this.visitation === undefined) return this.snapshot();
    const busy: State = { ...asking, busy: true, notice: null };
    this.set(busy);
    const result = await this.visitation.joinVisit(asking.session.token, visitId);
    if (this.state !== busy) return this.snapshot();
    const listed = asking.session.visits.find((visit) => visit.visitId === visitId);
    this.set(
      result.ok && listed !== undefined
        ? { screen: 'call', session: asking.session, visit: { ...listed, endsAt: result.endsAt }, media: result.media }
        : { ...asking, busy: false, notice: { reason: result.ok ? 'visit_over' : result.reason, visitId } },
    );
    return this.snapshot();
  }

  /** Ends the call on the server and returns to a refreshed visit list with the reason shown. */
  async endVisit(visitId: string, reason: CallEndReason): Promise<KioskSnapshot> {
    const asking = this.state;
    if (asking.screen !== 'call' || asking.visit.visitId !== visitId || this.visitation === undefined) {
      return this.snapshot();
    }
    const { session } = asking;
    const notice: VisitNotice = { reason: reason === 'failed' ? 'call_failed' : 'visit_ended', visitId };
    const ending: State = { screen: 'visits', busy: true, session, notice };
    this.set(ending);
    await this.visitation.endVisit(session.token, visitId, reason);
    const visits = await this.visitation.listVisits(session.token);
    if (this.state !== ending) return this.snapshot();
    this.set({ ...ending, busy: false, session: { ...session, visits: visits ?? session.visits } });
    return this.snapshot();
  }

  private set(state: State): void {
    this.state = state;
    this.revision += 1;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
