import type { JoinResult, ResumeResult, SignInResult, VisitationService } from '../kiosk/visitation-service';
import type { Logger } from '../log/logger';
import type { ControlLink } from './control-link';
import { lockedOutFailure } from './lockout';

/** The kiosk's VisitationService over the control channel: maps the wire's answers to the kiosk's terms. */
export function createVisitationClient(
  link: ControlLink,
  log: Logger,
  now: () => number = Date.now,
): VisitationService {
  return {
    async signIn(inmateId, pin): Promise<SignInResult> {
      const answer = await link.rpc.request('inmate.signIn', { inmateId, pin });
      if (answer.ok) {
        const { session, inmate, visits } = answer.result;
        return { ok: true, session: { token: session, displayName: inmate.displayName, visits } };
      }
      const { code, retryAfterSeconds } = answer.error;
      switch (code) {
        case 'bad_credentials':
        case 'wrong_housing_unit':
          return { ok: false, failure: { reason: code, retryAt: null } };
        // A kiosk's throttle reads to the inmate like a lockout: wait, then try again.
        case 'locked_out':
        case 'too_many_attempts':
          return { ok: false, failure: lockedOutFailure(now(), retryAfterSeconds) };
        default:
          log.warn({ code }, 'sign-in failed for a reason the inmate cannot fix');
          return { ok: false, failure: { reason: 'server_unavailable', retryAt: null } };
      }
    },

    async listVisits(sessionToken) {
      const answer = await link.rpc.request('inmate.visits', { session: sessionToken });
      return answer.ok ? answer.result.visits : undefined;
    },

    async joinVisit(sessionToken, visitId): Promise<JoinResult> {
      const answer = await link.rpc.request('visit.join', { session: sessionToken, visitId });
      if (answer.ok) {
        return {
          ok: true,
          endsAt: answer.result.visit.endsAt,
          media: { serverUrl: link.serverUrl, ticket: answer.result.ticket },
        };
      }
      const { code } = answer.error;
      if (code === 'visit_not_open' || code === 'visit_over') return { ok: false, reason: code };
      log.warn({ code }, 'joining a visit failed');
      return { ok: false, reason: 'server_unavailable' };
    },

    async endVisit(sessionToken, visitId, reason) {
      // The server already knows of ends it caused or the visitor caused; only the kiosk's own are sent.
      if (reason !== 'hung_up_by_inmate' && reason !== 'ended_by_staff') return;
      const answer = await link.rpc.request('visit.end', { session: sessionToken, visitId, reason });
      if (!answer.ok) log.warn({ code: answer.error.code }, 'ending a visit on the server failed');
    },

    async resumeVisit(visitId, maxAbsentSeconds): Promise<ResumeResult> {
      const answer = await link.rpc.request('visit.resume', { visitId, maxAbsentSeconds });
      if (answer.ok) {
        const { session, inmate, visits, ticket, visit, absentSince, serverTime } = answer.result;
        return {
          ok: true,
          session: { token: session, displayName: inmate.displayName, visits },
          endsAt: visit.endsAt,
          media: { serverUrl: link.serverUrl, ticket },
          absentSince: Date.parse(absentSince),
          serverTime: Date.parse(serverTime),
        };
      }
      const { code } = answer.error;
      switch (code) {
        case 'absent_too_long':
        case 'visit_over':
          return { ok: false, reason: code };
        case 'unauthenticated':
        case 'not_found':
          return { ok: false, reason: 'no_session' };
        default:
          log.warn({ code }, 'resuming a visit failed');
          return { ok: false, reason: 'server_unavailable' };
      }
    },

    async signOut(sessionToken) {
      const answer = await link.rpc.request('inmate.signOut', { session: sessionToken });
      if (!answer.ok) log.warn({ code: answer.error.code }, 'signing out on the server failed');
    },
  };
}
