import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { describeIssues } from '../../src/shared/describe-issues';
import { RpcFailure } from '../../src/shared/protocol/rpc';
import {
  setupEnrolPath,
  setupEnrolRequestSchema,
  setupEnrolResponseSchema,
  setupHousingUnitsPath,
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
import type { SetupSessions } from './setup-sessions';

export interface SetupRouteDeps {
  staffSignIn: Pick<StaffSignIn, 'verify'>;
  sessions: SetupSessions;
  kiosks: Pick<Kiosks, 'housingUnits' | 'enrolForSetup'>;
  audit: AuditLog;
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
 * officer's PIN opens no setup session.
 */
export function setupRoutes(deps: SetupRouteDeps): Route[] {
  const { audit, log } = deps;

  function technicianOf(request: IncomingMessage): StaffMember {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const technician = token === undefined ? undefined : deps.sessions.technician(token);
    if (technician === undefined) {
      throw new HttpFailure(401, 'unauthenticated', 'sign in again: no live setup session');
    }
    return technician;
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
      method: 'GET',
      path: new RegExp(`^${setupHousingUnitsPath}$`),
      handle: (request, response) => {
        technicianOf(request);
        sendJson(response, 200, setupHousingUnitsResponseSchema, { housingUnits: deps.kiosks.housingUnits() });
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${setupEnrolPath}$`),
      handle: async (request, response) => {
        const technician = technicianOf(request);
        const { requestId, housingUnitId, location } = parse(setupEnrolRequestSchema, await readJson(request));
        const enrolled = deps.kiosks.enrolForSetup(requestId, housingUnitId, location);
        if (enrolled === undefined) {
          audit.record({
            place: 'server',
            staffId: technician.staffId,
            action: 'kiosk.provision',
            outcome: 'no_such_housing_unit',
            detail: { housingUnitId, location },
          });
          throw new HttpFailure(404, 'not_found', 'that housing unit no longer exists; pick another');
        }
        audit.record({
          place: 'server',
          staffId: technician.staffId,
          action: 'kiosk.provision',
          kioskId: enrolled.kioskId,
          housingUnitId,
          outcome: 'enrolled',
          detail: { location, requestId },
        });
        log.info(
          { kioskId: enrolled.kioskId, housingUnitId, staffId: technician.staffId },
          'kiosk enrolled by a technician',
        );
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
