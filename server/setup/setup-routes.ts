import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { createRateLimiter } from '../abuse/rate-limit';
import type { Clock } from '../clock';
import { digest } from '../credentials/tokens';
import { enrolLimit } from '../http/api-routes';
import { describeIssues } from '../../src/shared/describe-issues';
import { RpcFailure } from '../../src/shared/protocol/rpc';
import {
  setupEnrolPath,
  setupEnrolRequestSchema,
  setupEnrolResponseSchema,
  setupHousingUnitsPath,
  setupCodeSignInPath,
  setupCodeSignInRequestSchema,
  setupHousingUnitsResponseSchema,
  setupSessionSchema,
  setupSignInPath,
  setupSignInRequestSchema,
} from '../../src/shared/protocol/setup';
import type { StaffMember } from '../../src/shared/protocol/staff';
import type { AuditLog } from '../audit/audit-log';
import type { Kiosks } from '../domain/kiosks';
import { HttpFailure, readJson, sendJson } from '../http/json';
import type { Route } from '../http/router';
import type { Logger } from '../log';
import type { StaffSignIn } from '../staff/staff-sign-in';
import type { SetupHolder, SetupSessions } from './setup-sessions';

export interface SetupRouteDeps {
  staffSignIn: Pick<StaffSignIn, 'verify'>;
  sessions: SetupSessions;
  kiosks: Pick<Kiosks, 'housingUnits' | 'enrolForSetup' | 'enrolForSetupWithCode' | 'liveCodeUnit'>;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
}

/** Sign-in refusals as HTTP: a wrong PIN, a lockout or throttle lifting with time. */
const signInRefusals: Record<string, (failure: RpcFailure) => HttpFailure> = {
  bad_credentials: (failure) => new HttpFailure(401, 'bad_credentials', failure.message),
  locked_out: (failure) => new HttpFailure(429, 'locked_out', failure.message, failure.retryAfterSeconds),
  too_many_attempts: (failure) => new HttpFailure(429, 'too_many_requests', failure.message, failure.retryAfterSeconds),
};

/**
 * A technician's first-boot setup of a kiosk: sign-in with staff number and PIN under the staff
 * lockout, then a setup token that lists the units and enrols the kiosk. Only technicians: an
 * officer's PIN opens no setup session. Or, for sites that use them, the facility's enrolment code:
 * its session sees only the code's unit, and enrolling uses one of the code's uses.
 */
export function setupRoutes(deps: SetupRouteDeps): Route[] {
  const { audit, log } = deps;

  // Wrong codes are guessed like wrong PINs: throttled per address, as kiosk enrolment is.
  const codeAttempts = createRateLimiter(enrolLimit, deps.clock);

  function holderOf(request: IncomingMessage): SetupHolder {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const holder = token === undefined ? undefined : deps.sessions.holder(token);
    if (holder === undefined) {
      throw new HttpFailure(401, 'unauthenticated', 'sign in again: no live setup session');
    }
    return holder;
  }

  /** The session's code must still be live: one used up or expired meanwhile is signed out. */
  function codeUnitOf(codeHash: string) {
    const live = deps.kiosks.liveCodeUnit(codeHash);
    if (live === undefined) throw new HttpFailure(401, 'unauthenticated', 'the enrolment code is used up or expired');
    return live;
  }

  return [
    {
      method: 'POST',
      path: new RegExp(`^${setupSignInPath}$`),
      handle: async (request, response) => {
        const { staffNumber, pin } = parse(setupSignInRequestSchema, await readJson(request));
        const address = request.socket.remoteAddress ?? 'unknown';
        let member: StaffMember;
        try {
          member = await deps.staffSignIn.verify(staffNumber, pin, { where: 'setup', address });
        } catch (error) {
          const refusal = error instanceof RpcFailure ? signInRefusals[error.code] : undefined;
          throw refusal === undefined ? error : refusal(error as RpcFailure);
        }
        if (member.role !== 'technician') {
          audit.record({
            place: 'server',
            staffId: member.staffId,
            action: 'setup.sign_in',
            outcome: 'not_permitted',
          });
          throw new HttpFailure(403, 'not_permitted', 'setting up a kiosk is for technicians');
        }
        const session = deps.sessions.open(member.staffId);
        audit.record({ place: 'server', staffId: member.staffId, action: 'setup.sign_in', outcome: 'signed_in' });
        log.info({ staffId: member.staffId }, 'technician signed in to set up a kiosk');
        sendJson(response, 201, setupSessionSchema, {
          token: session.token,
          expiresAt: new Date(session.expiresAt).toISOString(),
          technician: member,
        });
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${setupCodeSignInPath}$`),
      handle: async (request, response) => {
        const address = request.socket.remoteAddress ?? 'unknown';
        const attempt = codeAttempts.take(address);
        if (!attempt.allowed) {
          throw new HttpFailure(
            429,
            'too_many_requests',
            'too many refused enrolment codes',
            attempt.retryAfterSeconds,
          );
        }
        const { code } = parse(setupCodeSignInRequestSchema, await readJson(request));
        const codeHash = digest(code);
        const live = deps.kiosks.liveCodeUnit(codeHash);
        if (live === undefined) {
          log.warn({ address }, 'setup with an enrolment code refused');
          throw new HttpFailure(401, 'bad_credentials', 'unknown, expired or used enrolment code');
        }
        codeAttempts.giveBack(address);
        const session = deps.sessions.openForCode(codeHash, live.expiresAt);
        audit.record({
          place: 'server',
          staffId: null,
          actor: 'enrolment-code',
          action: 'setup.sign_in',
          housingUnitId: live.housingUnit.id,
          outcome: 'enrolment_code',
        });
        log.info({ housingUnitId: live.housingUnit.id }, 'kiosk setup opened with an enrolment code');
        sendJson(response, 201, setupSessionSchema, {
          token: session.token,
          expiresAt: new Date(session.expiresAt).toISOString(),
          technician: null,
        });
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${setupHousingUnitsPath}$`),
      handle: (request, response) => {
        const holder = holderOf(request);
        const housingUnits =
          holder.kind === 'technician' ? deps.kiosks.housingUnits() : [codeUnitOf(holder.codeHash).housingUnit];
        sendJson(response, 200, setupHousingUnitsResponseSchema, { housingUnits });
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${setupEnrolPath}$`),
      handle: async (request, response) => {
        const holder = holderOf(request);
        const staffId = holder.kind === 'technician' ? holder.technician.staffId : null;
        const { requestId, housingUnitId, location } = parse(setupEnrolRequestSchema, await readJson(request));
        const enrolled =
          holder.kind === 'technician'
            ? deps.kiosks.enrolForSetup(requestId, housingUnitId, location)
            : deps.kiosks.enrolForSetupWithCode(requestId, housingUnitId, location, holder.codeHash);
        if (enrolled === 'code_used') {
          throw new HttpFailure(401, 'unauthenticated', 'the enrolment code is used up or expired');
        }
        if (enrolled === undefined) {
          audit.record({
            place: 'server',
            staffId,
            action: 'kiosk.provision',
            outcome: 'no_such_housing_unit',
            detail: { housingUnitId, location },
          });
          throw new HttpFailure(404, 'not_found', 'that housing unit no longer exists; pick another');
        }
        audit.record({
          place: 'server',
          staffId,
          ...(staffId === null ? { actor: 'enrolment-code' } : {}),
          action: 'kiosk.provision',
          kioskId: enrolled.kioskId,
          housingUnitId,
          outcome: 'enrolled',
          detail: { location, requestId, with: holder.kind },
        });
        log.info({ kioskId: enrolled.kioskId, housingUnitId, staffId, with: holder.kind }, 'kiosk enrolled in setup');
        sendJson(response, 201, setupEnrolResponseSchema, enrolled);
      },
    },
  ];
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpFailure(400, 'invalid_request', describeIssues(parsed.error));
  return parsed.data;
}
