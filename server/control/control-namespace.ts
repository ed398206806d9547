import type { Namespace, Socket } from 'socket.io';
import {
  controlProtocol,
  kioskHandshakeAuthSchema,
  mediaCheckRunTimeoutMs,
  type ControlProtocol,
  type KioskCommand,
  type KioskCommandAck,
} from '../../src/shared/protocol/control';
import type { DiagnosticsBundle, DiagnosticsRequest } from '../../src/shared/protocol/diagnostics';
import type { MediaCheckRunAnswer, MediaCheckRunRequest } from '../../src/shared/protocol/media-check-run';
import { RpcFailure, type LocalErrorCode, type RpcResult } from '../../src/shared/protocol/rpc';
import { sendRequest } from '../../src/shared/protocol/rpc-client';
import { attachResponder, type Handlers } from '../../src/shared/protocol/rpc-responder';
import type { VisitEndReason } from '../../src/shared/protocol/visit';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { CheckTicketSigner, TicketSigner } from '../credentials/tickets';
import type { KioskIdentity, Kiosks } from '../domain/kiosks';
import type { OutboxIngest } from '../domain/outbox-ingest';
import { joinWindow, type Schedule, type Visit, type VisitEnd } from '../domain/schedule';
import { sessionIdleMs, type Sessions } from '../domain/sessions';
import type { SignIn } from '../domain/sign-in';
import type { Logger } from '../log';
import type { EchoRooms } from '../media/echo-rooms';
import type { OfflineCodes } from '../staff/offline-codes';
import type { StaffAccounts } from '../staff/staff-accounts';
import type { StaffSignIn } from '../staff/staff-sign-in';
import { emitEvent } from '../socket/emit-event';
import { handshakeRefusal } from '../socket/handshake-refusal';

export const commandTimeoutMs = 10_000;
/** A bundle reads log files and the disk: slower than a command, still bounded for the officer waiting. */
export const diagnosticsTimeoutMs = 20_000;

export interface ControlDeps {
  kiosks: Kiosks;
  /** Who a decommissioning technician is: only a technician's account may decommission a kiosk. */
  staffAccounts: Pick<StaffAccounts, 'byId'>;
  audit: Pick<AuditLog, 'record'>;
  signIn: SignIn;
  staffSignIn: StaffSignIn;
  offlineCodes: Pick<OfflineCodes, 'verifiers'>;
  sessions: Sessions;
  schedule: Schedule;
  tickets: TicketSigner;
  /** How long a media ticket from `visit.join` lets its holder into the room; a rejoin asks again. */
  ticketTtlMs: number;
  /** A media check's ticket admits the kiosk to its own echo room and lasts as long as the room. */
  checkTickets: CheckTicketSigner;
  echoRooms: EchoRooms;
  outbox: OutboxIngest;
  clock: Clock;
  log: Logger;
  endVisit(visitId: string, reason: VisitEndReason): VisitEnd | undefined;
  /** A kiosk connected, disconnected or sent a heartbeat: the console shows it live. */
  onKioskChanged(kioskId: string): void;
}

export type CommandResult = RpcResult<KioskCommandAck, string>;
export type DiagnosticsResult = RpcResult<DiagnosticsBundle, string>;
export type MediaCheckRunResult = RpcResult<MediaCheckRunAnswer, string>;

const notConnected = {
  ok: false,
  error: { code: 'disconnected' satisfies LocalErrorCode, message: 'kiosk not connected' },
} as const;

/** What the rest of the server can do with connected kiosks. */
export interface KioskLinks {
  /** Sends a command and waits for the kiosk's acknowledgement; `disconnected` when it is not connected. */
  sendCommand(kioskId: string, command: KioskCommand): Promise<CommandResult>;
  /** Asks the kiosk for a diagnostics bundle; `disconnected` when it is not connected. */
  collectDiagnostics(kioskId: string, request: DiagnosticsRequest): Promise<DiagnosticsResult>;
  /** Asks the kiosk to run its network and media check; answered once judged, `disconnected` when not connected. */
  runMediaCheck(kioskId: string, request: MediaCheckRunRequest): Promise<MediaCheckRunResult>;
  /** Tells the kiosks that joined a visit that it ended. */
  visitEnded(visitId: string, reason: VisitEndReason): void;
  /** Tells the unit's connected kiosks to fetch its offline codes again. */
  offlineCodesChanged(housingUnitId: string): void;
  isConnected(kioskId: string): boolean;
  connectedCount(): number;
}

interface KioskContext extends KioskIdentity {
  socket: Socket;
  /**
   * The kiosk's last heartbeat before this connection (its first one here overwrites it): when a
   * restarted kiosk was last known alive, on the server's clock, whatever the kiosk's clock says.
   */
  previousSeenAt: number | undefined;
}

/**
 * The `/kiosk` namespace: a kiosk's main process, authenticated in the handshake by its enrolment
 * token. One connection per kiosk: a newer one replaces an older one the kiosk has given up on.
 */
export function attachControlNamespace(namespace: Namespace, deps: ControlDeps): KioskLinks {
  const { log, clock } = deps;
  const connections = new Map<string, { socket: Socket; housingUnitId: string }>();
  /** Which kiosks took tickets for a visit, to tell them when it ends. Lost on restart, like the rooms. */
  const visitKiosks = new Map<string, Set<string>>();

  namespace.use((socket, next) => {
    const auth = kioskHandshakeAuthSchema.safeParse(socket.handshake.auth);
    const kiosk = auth.success ? deps.kiosks.authenticate(auth.data.token) : undefined;
    if (kiosk === undefined) return next(handshakeRefusal('unauthenticated', 'a valid kiosk token is required'));
    socket.data = kiosk;
    next();
  });

  namespace.on('connection', (socket: Socket) => {
    const kiosk = socket.data as KioskIdentity;
    const previous = connections.get(kiosk.kioskId)?.socket;
    connections.set(kiosk.kioskId, { socket, housingUnitId: kiosk.housingUnitId });
    previous?.disconnect(true);
    log.info({ kioskId: kiosk.kioskId, replaced: previous !== undefined }, 'kiosk connected');
    deps.onKioskChanged(kiosk.kioskId);
    const context: KioskContext = { ...kiosk, socket, previousSeenAt: deps.kiosks.lastSeenAt(kiosk.kioskId) };
    attachResponder(socket, controlProtocol.requests, controlProtocol.errorCode, handlers, context, log);
    // socket.io closes the connection after a packet it cannot decode; the reason is ours to log.
    socket.on('error', (error) => log.warn({ kioskId: kiosk.kioskId, reason: error.message }, 'kiosk socket failed'));
    socket.on('disconnect', (reason) => {
      log.info({ kioskId: kiosk.kioskId, reason }, 'kiosk disconnected');
      if (connections.get(kiosk.kioskId)?.socket !== socket) return;
      connections.delete(kiosk.kioskId);
      deps.onKioskChanged(kiosk.kioskId);
    });
  });

  function signedInInmate(session: string, kiosk: KioskContext): string {
    const inmateId = deps.sessions.use(session, kiosk.kioskId);
    if (inmateId === undefined) throw new RpcFailure('unauthenticated', 'session expired; sign in again');
    return inmateId;
  }

  function visitOf(visitId: string, inmateId: string) {
    const visit = deps.schedule.find(visitId);
    if (visit === undefined || visit.inmateId !== inmateId) throw new RpcFailure('not_found', 'no such visit');
    return visit;
  }

  /** A media ticket for an open visit, and the kiosk noted as in it, to be told when it ends. */
  function admit(visit: Visit, session: string, kiosk: KioskContext, now: number) {
    const expiresAt = Math.min(now + deps.ticketTtlMs, visit.endsAt);
    deps.sessions.extend(session, visit.endsAt + sessionIdleMs);
    const kiosks = visitKiosks.get(visit.id) ?? new Set();
    visitKiosks.set(visit.id, kiosks.add(kiosk.kioskId));
    return {
      ticket: deps.tickets.sign({
        visitId: visit.id,
        kioskId: kiosk.kioskId,
        inmateId: visit.inmateId,
        exp: expiresAt,
      }),
      ticketExpiresAt: new Date(expiresAt).toISOString(),
      visit: {
        visitId: visit.id,
        startsAt: new Date(visit.startsAt).toISOString(),
        endsAt: new Date(visit.endsAt).toISOString(),
        visitorName: visit.visitorName,
        privileged: visit.privileged,
      },
    };
  }

  /** The technician's account the kiosk names, or a refusal: the kiosk cannot make an officer one. */
  function technician(staffId: string, what: string) {
    const staff = deps.staffAccounts.byId(staffId);
    if (staff?.role !== 'technician') throw new RpcFailure('not_permitted', `only a technician may ${what}`);
    return staff;
  }

  /** A visit the kiosk took a ticket for that has not ended yet. */
  function visitUnderWayAt(kioskId: string): string | undefined {
    const now = clock.now();
    for (const [visitId, kiosks] of visitKiosks) {
      const visit = kiosks.has(kioskId) ? deps.schedule.find(visitId) : undefined;
      if (visit !== undefined && joinWindow(visit, now).state === 'open') return visitId;
    }
    return undefined;
  }

  const handlers: Handlers<ControlProtocol['requests'], KioskContext> = {
    'inmate.signIn': async ({ inmateId, pin }, kiosk) => {
      const inmate = await deps.signIn.signIn(inmateId, pin, kiosk);
      const session = deps.sessions.open(inmate.inmateId, kiosk.kioskId);
      log.info({ kioskId: kiosk.kioskId, inmateId }, 'inmate signed in');
      return {
        session: session.token,
        sessionExpiresAt: new Date(session.expiresAt).toISOString(),
        inmate: { displayName: inmate.displayName },
        visits: deps.schedule.visitsFromToday(inmate.inmateId),
      };
    },
    'inmate.signOut': ({ session }) => {
      deps.sessions.close(session);
      return {};
    },
    'inmate.visits': ({ session }, kiosk) => ({
      visits: deps.schedule.visitsFromToday(signedInInmate(session, kiosk)),
    }),
    'visit.join': ({ session, visitId }, kiosk) => {
      const visit = visitOf(visitId, signedInInmate(session, kiosk));
      const now = clock.now();
      const window = joinWindow(visit, now);
      if (window.state === 'over') throw new RpcFailure('visit_over', 'this visit is over');
      if (window.state === 'scheduled') {
        throw new RpcFailure('visit_not_open', 'this visit is not open yet', Math.ceil(window.opensInMs / 1000));
      }
      return admit(visit, session, kiosk, now);
    },
    'visit.resume': ({ visitId, maxAbsentSeconds }, kiosk) => {
      const visit = deps.schedule.find(visitId);
      const now = clock.now();
      const window = visit === undefined ? undefined : joinWindow(visit, now).state;
      if (visit === undefined || window === 'scheduled') throw new RpcFailure('not_found', 'no such visit under way');
      if (window === 'over') throw new RpcFailure('visit_over', 'this visit is over');
      const { previousSeenAt } = kiosk;
      if (previousSeenAt === undefined || now - previousSeenAt > maxAbsentSeconds * 1000) {
        throw new RpcFailure('absent_too_long', 'the kiosk was away too long; sign in again');
      }
      const session = deps.sessions.resume(visit.inmateId, kiosk.kioskId);
      if (session === undefined)
        throw new RpcFailure('unauthenticated', 'no session of this inmate here; sign in again');
      log.info({ kioskId: kiosk.kioskId, visitId, absentMs: now - previousSeenAt }, 'kiosk resumed a visit');
      return {
        session: session.token,
        sessionExpiresAt: new Date(session.expiresAt).toISOString(),
        inmate: { displayName: visit.inmateName },
        visits: deps.schedule.visitsFromToday(visit.inmateId),
        ...admit(visit, session.token, kiosk, now),
        absentSince: new Date(previousSeenAt).toISOString(),
        serverTime: new Date(now).toISOString(),
      };
    },
    'visit.end': ({ session, visitId, reason }, kiosk) => {
      const visit = visitOf(visitId, signedInInmate(session, kiosk));
      const ended = deps.endVisit(visit.id, reason);
      if (ended === undefined) throw new RpcFailure('not_found', 'no such visit');
      return { endedAt: new Date(ended.endedAt).toISOString(), reason: ended.reason };
    },
    'outbox.deliver': ({ records }, kiosk) => ({ acks: deps.outbox.ingest(kiosk.kioskId, records) }),
    'staff.signIn': async ({ staffNumber, pin }, kiosk) => ({
      session: await deps.staffSignIn.signIn(staffNumber, pin, {
        where: 'kiosk',
        kioskId: kiosk.kioskId,
        housingUnitId: kiosk.housingUnitId,
      }),
    }),
    'staff.offlineCodes': (_request, kiosk) => ({ verifiers: deps.offlineCodes.verifiers(kiosk.housingUnitId) }),
    'mediaCheck.open': (_request, kiosk) => {
      const { checkId, closesAt } = deps.echoRooms.open(kiosk.kioskId);
      return {
        ticket: deps.checkTickets.sign({ purpose: 'media_check', checkId, kioskId: kiosk.kioskId, exp: closesAt }),
        checkId,
        closesAt: new Date(closesAt).toISOString(),
      };
    },
    'kiosk.decommission': ({ by, forced, recordsLost }, kiosk) => {
      const staff = technician(by.staffId, 'decommission a kiosk');
      // The audit is stored before the token ends, and both before the answer leaves.
      deps.audit.record({
        place: 'kiosk',
        staffId: staff.staffId,
        actor: `technician:${staff.staffId}`,
        action: 'kiosk.decommissioned',
        kioskId: kiosk.kioskId,
        housingUnitId: kiosk.housingUnitId,
        outcome: forced ? 'forced' : 'drained',
        detail: { recordsLost },
      });
      deps.kiosks.decommission(kiosk.kioskId);
      log.info({ kioskId: kiosk.kioskId, staffId: staff.staffId, forced, recordsLost }, 'kiosk decommissioned');
      deps.onKioskChanged(kiosk.kioskId);
      return { decommissionedAt: new Date(clock.now()).toISOString() };
    },
    'kiosk.housingUnits': ({ by }, kiosk) => {
      technician(by.staffId, 'move a kiosk');
      return { housingUnits: deps.kiosks.housingUnits(), current: kiosk.housingUnitId };
    },
    'kiosk.move': ({ by, housingUnitId, location }, kiosk) => {
      const staff = technician(by.staffId, 'move a kiosk');
      const visitId = visitUnderWayAt(kiosk.kioskId);
      if (visitId !== undefined) throw new RpcFailure('visit_in_progress', 'end the visit under way first');
      const moved = deps.kiosks.move(kiosk.kioskId, housingUnitId, location);
      if (moved === undefined) throw new RpcFailure('not_found', 'that housing unit no longer exists; pick another');
      deps.audit.record({
        place: 'server',
        staffId: staff.staffId,
        actor: `technician:${staff.staffId}`,
        action: 'kiosk.moved',
        kioskId: kiosk.kioskId,
        housingUnitId,
        outcome: 'moved',
        detail: { fromHousingUnitId: moved.from.housingUnitId, fromLocation: moved.from.location, location },
      });
      // This connection answers for the new unit from now on (offline codes, a later move).
      kiosk.housingUnitId = housingUnitId;
      log.info(
        { kioskId: kiosk.kioskId, staffId: staff.staffId, from: moved.from.housingUnitId, housingUnitId },
        'kiosk moved',
      );
      deps.onKioskChanged(kiosk.kioskId);
      return { ...moved.to, movedAt: new Date(clock.now()).toISOString() };
    },
    'kiosk.heartbeat': ({ status }, kiosk) => {
      deps.kiosks.recordHeartbeat(kiosk.kioskId, status);
      deps.onKioskChanged(kiosk.kioskId);
      return { serverTime: new Date(clock.now()).toISOString() };
    },
  };

  return {
    async sendCommand(kioskId, command) {
      const socket = connections.get(kioskId)?.socket;
      if (socket === undefined) return notConnected;
      log.info({ kioskId, commandId: command.id, type: command.action.type }, 'sending command to kiosk');
      return sendRequest(
        socket,
        controlProtocol.serverRequests,
        controlProtocol.errorCode,
        'command',
        command,
        { timeoutMs: commandTimeoutMs, retries: 0 },
        log,
      );
    },
    async collectDiagnostics(kioskId, request) {
      const socket = connections.get(kioskId)?.socket;
      if (socket === undefined) return notConnected;
      log.info({ kioskId, requestId: request.id }, 'asking kiosk for diagnostics');
      return sendRequest(
        socket,
        controlProtocol.serverRequests,
        controlProtocol.errorCode,
        'diagnostics.collect',
        request,
        { timeoutMs: diagnosticsTimeoutMs, retries: 0 },
        log,
      );
    },
    async runMediaCheck(kioskId, request) {
      const socket = connections.get(kioskId)?.socket;
      if (socket === undefined) return notConnected;
      log.info({ kioskId, requestId: request.id }, 'asking kiosk to run its network check');
      return sendRequest(
        socket,
        controlProtocol.serverRequests,
        controlProtocol.errorCode,
        'mediaCheck.run',
        request,
        { timeoutMs: mediaCheckRunTimeoutMs, retries: 0 },
        log,
      );
    },
    visitEnded(visitId, reason) {
      for (const kioskId of visitKiosks.get(visitId) ?? []) {
        const socket = connections.get(kioskId)?.socket;
        if (socket !== undefined) emitEvent(socket, controlProtocol, 'visit.ended', { visitId, reason }, log);
      }
      visitKiosks.delete(visitId);
    },
    offlineCodesChanged(housingUnitId) {
      for (const connection of connections.values()) {
        if (connection.housingUnitId === housingUnitId) {
          emitEvent(connection.socket, controlProtocol, 'staff.offlineCodesChanged', {}, log);
        }
      }
    },
    isConnected: (kioskId) => connections.has(kioskId),
    connectedCount: () => connections.size,
  };
}
