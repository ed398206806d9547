import type { StaffSignInFailure } from '../../shared/contract/kiosk';
import type { StaffMember } from '../../shared/protocol/staff';
import type { ControlLink } from '../link/control-link';
import { lockedOutFailure } from '../link/lockout';
import type { Logger } from '../log/logger';

export type StaffSignInResult = { ok: true; staff: StaffMember } | { ok: false; failure: StaffSignInFailure };

/** Checks a staff number and PIN: the server's job alone, since staff PINs never leave it. */
export interface StaffAuthenticator {
  signIn(staffNumber: string, pin: string): Promise<StaffSignInResult>;
}

/**
 * `staff.signIn` over the control channel. The kiosk keeps only who signed in, in memory: the
 * server's session token is not needed by anything the overlay does, so it is dropped at once.
 */
export function staffSignInOverLink(link: ControlLink, log: Logger, now: () => number): StaffAuthenticator {
  return {
    async signIn(staffNumber, pin) {
      const answer = await link.rpc.request('staff.signIn', { staffNumber, pin });
      if (answer.ok) return { ok: true, staff: answer.result.session.staff };
      const { code, retryAfterSeconds } = answer.error;
      switch (code) {
        case 'bad_credentials':
        case 'not_permitted':
          return { ok: false, failure: { reason: code, retryAt: null } };
        case 'locked_out':
        case 'too_many_attempts':
          return { ok: false, failure: lockedOutFailure(now(), retryAfterSeconds) };
        default:
          log.warn({ code }, 'staff sign-in could not be checked by the server');
          return { ok: false, failure: { reason: 'server_unavailable', retryAt: null } };
      }
    },
  };
}
