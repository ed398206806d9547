import { describeIssues } from '../../src/shared/describe-issues';
import { createHash, timingSafeEqual, type BinaryLike } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { kioskCommandAckSchema, kioskCommandSchema } from '../../src/shared/protocol/control';
import { housingUnitIdSchema, kioskIdSchema, visitIdSchema, isoTimeSchema } from '../../src/shared/protocol/common';
import {
  createEnrolmentCodeRequestSchema,
  enrolmentCodeSchema,
  enrolmentCodesPath,
  enrolPath,
  enrolRequestSchema,
  enrolResponseSchema,
  createStaffRequestSchema,
  housingUnitCommandRequestSchema,
  housingUnitCommandResponseSchema,
  createStaffResponseSchema,
  staffPath,
  healthPath,
  healthSchema,
  helloPath,
  helloResponseSchema,
  kioskProtocolVersion,
  visitationServerKind,
  scheduledVisitSchema,
  scheduleVisitRequestSchema,
  visitLedgerReportSchema,
  type Health,
} from '../../src/shared/protocol/http';

import { visitEndReasonSchema } from '../../src/shared/protocol/visit';
import { createRateLimiter, type RateLimit } from '../abuse/rate-limit';
import type { Clock } from '../clock';
import type { StaffCommands } from '../commands/staff-commands';
import type { Kiosks } from '../domain/kiosks';
import type { LedgerReports } from '../domain/ledger-report';
import type { Schedule, VisitEnd } from '../domain/schedule';
import type { Logger } from '../log';
import type { StaffAccounts } from '../staff/staff-accounts';
import { HttpFailure, readJson, sendJson } from './json';
import type { Route } from './router';

export interface ApiDeps {
  kiosks: Kiosks;
  commands: StaffCommands;
  health(): Health;
  /** Ends a visit on staff's word. */
  endVisit(visitId: string): VisitEnd | undefined;
  schedule: Pick<Schedule, 'create'>;
  ledgers: LedgerReports;
  staffAccounts: StaffAccounts;
  adminToken: string;
  clock: Clock;
  log: Logger;
}

/** Refused enrolments per client address; a successful one costs nothing. */
export const enrolLimit: RateLimit = { burst: 10, refillMs: 60_000 };

/** The admin API is not a staff member: its commands name nobody. */
const adminCommandSchema = kioskCommandSchema.extend({ by: z.null().default(null) });

const visitEndSchema = z.strictObject({ endedAt: isoTimeSchema, reason: visitEndReasonSchema });

/**
 * Plain HTTP: the hello a kiosk being set up checks, kiosk enrolment, health, and staff actions behind a bearer token (send a kiosk a
 * command, end a visit, schedule one, compare a visit's ledgers) that stand in for a facility's
 * officer console and scheduling system.
 */
export function apiRoutes(deps: ApiDeps): Route[] {
  const { log } = deps;
  const enrolAttempts = createRateLimiter(enrolLimit, deps.clock);
  return [
    {
      method: 'GET',
      path: new RegExp(`^${healthPath}$`),
      handle: (_request, response) => {
        const health = deps.health();
        sendJson(response, health.status === 'ok' ? 200 : 503, healthSchema, health);
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${helloPath}$`),
      handle: (_request, response) => {
        sendJson(response, 200, helloResponseSchema, {
          service: visitationServerKind,
          protocolVersions: [kioskProtocolVersion],
        });
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${enrolPath}$`),
      handle: async (request, response) => {
        const address = request.socket.remoteAddress ?? 'unknown';
        const attempt = enrolAttempts.take(address);
        if (!attempt.allowed) {
          log.warn({ address, retryAfterSeconds: attempt.retryAfterSeconds }, 'kiosk enrolment throttled');
          throw new HttpFailure(429, 'too_many_requests', 'too many refused enrolments', attempt.retryAfterSeconds);
        }
        const { code } = parse(enrolRequestSchema, await readJson(request));
        const enrolled = deps.kiosks.enrol(code);
        if (enrolled === undefined) {
          log.warn({ address }, 'kiosk enrolment refused');
          throw new HttpFailure(403, 'bad_credentials', 'unknown, expired or used enrolment code');
        }
        enrolAttempts.giveBack(address);
        log.info({ kioskId: enrolled.kioskId, housingUnitId: enrolled.housingUnit.id }, 'kiosk enrolled');
        sendJson(response, 201, enrolResponseSchema, enrolled);
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${enrolmentCodesPath}$`),
      handle: async (request, response) => {
        requireAdmin(request, deps.adminToken);
        const { housingUnitId, uses, expiresInMinutes } = parse(
          createEnrolmentCodeRequestSchema,
          await readJson(request),
        );
        const created = deps.kiosks.createEnrolmentCode(
          housingUnitId,
          uses,
          deps.clock.now() + expiresInMinutes * 60_000,
        );
        if (created === undefined) throw new HttpFailure(404, 'not_found', 'no such housing unit');
        log.info({ housingUnitId, uses, expiresInMinutes }, 'enrolment code issued by staff');
        sendJson(response, 201, enrolmentCodeSchema, {
          ...created,
          expiresAt: new Date(created.expiresAt).toISOString(),
        });
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${staffPath}$`),
      handle: async (request, response) => {
        requireAdmin(request, deps.adminToken);
        const member = parse(createStaffRequestSchema, await readJson(request));
        const created = await deps.staffAccounts.create(member);
        if (created === 'staff_number_taken') throw new HttpFailure(409, 'conflict', 'staff number already in use');
        if (created === 'no_such_housing_unit') throw new HttpFailure(404, 'not_found', 'no such housing unit');
        log.info({ staffId: created.staffId, role: created.role }, 'staff account created');
        sendJson(response, 201, createStaffResponseSchema, created);
      },
    },
    {
      method: 'POST',
      path: /^\/api\/admin\/kiosks\/([^/]+)\/commands$/,
      handle: async (request, response, [kioskId]) => {
        requireAdmin(request, deps.adminToken);
        const id = parse(kioskIdSchema, kioskId);
        const command = parse(adminCommandSchema, await readJson(request));
        const outcome = await deps.commands.toKiosk(id, command.action, null, command.id);
        if (outcome.status === 'offline') throw new HttpFailure(409, 'not_connected', 'kiosk not connected');
        if (outcome.status === 'failed') throw new HttpFailure(502, 'not_connected', 'the kiosk did not answer');
        sendJson(response, 200, kioskCommandAckSchema, {
          id: command.id,
          status: outcome.status,
          reason: outcome.reason,
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/admin\/housing-units\/([^/]+)\/commands$/,
      handle: async (request, response, [housingUnitId]) => {
        requireAdmin(request, deps.adminToken);
        const unit = parse(housingUnitIdSchema, housingUnitId);
        const { action } = parse(housingUnitCommandRequestSchema, await readJson(request));
        const results = await deps.commands.toHousingUnit(unit, action, null);
        if (results === undefined) throw new HttpFailure(404, 'not_found', 'no such housing unit');
        sendJson(response, 200, housingUnitCommandResponseSchema, { results });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/admin\/visits\/([^/]+)\/end$/,
      handle: (request, response, [visitId]) => {
        requireAdmin(request, deps.adminToken);
        const ended = deps.endVisit(parse(visitIdSchema, visitId));
        if (ended === undefined) throw new HttpFailure(404, 'not_found', 'no such visit');
        sendJson(response, 200, visitEndSchema, {
          endedAt: new Date(ended.endedAt).toISOString(),
          reason: ended.reason,
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/admin\/visits$/,
      handle: async (request, response) => {
        requireAdmin(request, deps.adminToken);
        const visit = parse(scheduleVisitRequestSchema, await readJson(request));
        const created = deps.schedule.create({
          ...visit,
          startsAt: Date.parse(visit.startsAt),
          endsAt: Date.parse(visit.endsAt),
        });
        if (created === undefined) throw new HttpFailure(404, 'not_found', 'no such inmate');
        log.info({ visitId: created.visitId, inmateId: visit.inmateId }, 'visit scheduled by staff');
        sendJson(response, 201, scheduledVisitSchema, { ...created, startsAt: visit.startsAt, endsAt: visit.endsAt });
      },
    },
    {
      method: 'GET',
      path: /^\/api\/admin\/visits\/([^/]+)\/ledger$/,
      handle: (request, response, [visitId]) => {
        requireAdmin(request, deps.adminToken);
        const report = deps.ledgers.report(parse(visitIdSchema, visitId));
        if (report === undefined) throw new HttpFailure(404, 'not_found', 'no such visit');
        sendJson(response, 200, visitLedgerReportSchema, report);
      },
    },
  ];
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpFailure(400, 'invalid_request', describeIssues(parsed.error));
  return parsed.data;
}

export function requireAdmin(request: IncomingMessage, adminToken: string): void {
  const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  // Digests have equal lengths, so the comparison takes the same time whatever was sent.
  if (!timingSafeEqual(sha256(given), sha256(adminToken))) {
    throw new HttpFailure(401, 'unauthenticated', 'staff token required');
  }
}

function sha256(value: BinaryLike): Buffer {
  return createHash('sha256').update(value).digest();
}
