import type { CallEndReason, SignInFailure, VisitNotice, VisitSummary } from '../../shared/contract/kiosk';

/** An inmate's signed-in session with the visitation server; the token never leaves main. */
export interface InmateSession {
  token: string;
  displayName: string;
  visits: VisitSummary[];
}

export type SignInResult = { ok: true; session: InmateSession } | { ok: false; failure: SignInFailure };

export type JoinResult =
  /** The server's end time wins over the one in the kiosk's list, which may be stale. */
  | { ok: true; endsAt: string; media: { serverUrl: string; ticket: string } }
  | { ok: false; reason: VisitNotice['reason'] };

export type ResumeResult =
  | {
      ok: true;
      session: InmateSession;
      endsAt: string;
      media: { serverUrl: string; ticket: string };
      /** The server's time (ms) when it last heard from the kiosk before it came back. */
      absentSince: number;
      /** The server's time (ms) of the answer. */
      serverTime: number;
    }
  | { ok: false; reason: 'absent_too_long' | 'visit_over' | 'no_session' | 'server_unavailable' };

/**
 * What the kiosk needs from the facility's visitation server. The kiosk machine depends on this
 * port, not on the wire: the control channel implements it.
 */
export interface VisitationService {
  signIn(inmateId: string, pin: string): Promise<SignInResult>;
  listVisits(sessionToken: string): Promise<VisitSummary[] | undefined>;
  joinVisit(sessionToken: string, visitId: string): Promise<JoinResult>;
  endVisit(sessionToken: string, visitId: string, reason: CallEndReason): Promise<void>;
  signOut(sessionToken: string): Promise<void>;
  /** After a restart mid-visit: the call back, without signing in, if the server agrees (`visit.resume`). */
  resumeVisit(visitId: string, maxAbsentSeconds: number): Promise<ResumeResult>;
}
