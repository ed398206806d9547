import type { Namespace, Socket } from 'socket.io';
import { consoleHandshakeAuthSchema, consoleProtocol, type ConsoleProtocol } from '../../src/shared/protocol/console';
import { RpcFailure } from '../../src/shared/protocol/rpc';
import { attachResponder, type Handlers } from '../../src/shared/protocol/rpc-responder';
import type { StaffMember } from '../../src/shared/protocol/staff';
import type { VisitEndReason } from '../../src/shared/protocol/visit';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { StaffCommands } from '../commands/staff-commands';
import type { KioskDiagnostics } from '../diagnostics/kiosk-diagnostics';
import type { RemoteMediaChecks } from '../diagnostics/remote-media-check';
import type { VisitEnd } from '../domain/schedule';
import type { Logger } from '../log';
import { emitEvent } from '../socket/emit-event';
import { handshakeRefusal } from '../socket/handshake-refusal';
import type { OfflineCodes } from '../staff/offline-codes';
import type { ChannelChanges } from '../updates/update-channel';
import type { UpdateChannel } from '../../src/shared/protocol/updates';
import type { StaffSessions } from '../staff/staff-sessions';
import { mayUseConsoleTool, type ConsoleTool } from './console-permissions';
import type { ConsoleViews } from './console-views';

export interface ConsoleDeps {
  sessions: StaffSessions;
  views: ConsoleViews;
  commands: StaffCommands;
  diagnostics: KioskDiagnostics;
  mediaChecks: RemoteMediaChecks;
  setUpdateChannel: ChannelChanges;
  offlineCodes: OfflineCodes;
  audit: AuditLog;
  endVisit(visitId: string, reason: VisitEndReason): VisitEnd | undefined;
  clock: Clock;
  log: Logger;
  tls: boolean;
  /** Tests shorten it; the default is `sessionSweepMs`. */
  sweepMs?: number;
}

/** What the rest of the server tells the console about. */
export interface ConsoleFeed {
  kioskChanged(kioskId: string): void;
  visitsChanged(): void;
  updateChannelChanged(housingUnitId: string, channel: UpdateChannel): void;
  /** Stops the sweep of lapsed sessions. */
  close(): void;
}

interface ConsoleContext {
  token: string;
  staff: StaffMember;
  socket: Socket;
}

const room = 'signed-in';
/** How often sockets whose session lapsed while they only watched are sent back to sign-in. */
export const sessionSweepMs = 30_000;
/** How many audit entries the console starts with. */
export const consoleAuditEntries = 100;

/**
 * The officer console's namespace. Deny by default twice over: the server-wide gate lets only
 * known origins open a socket at all, and this namespace takes only its own page (or a client
 * with no Origin, such as a test or a tool) with a live console session in the handshake. Each
 * request checks the session again, so one that lapsed or was closed stops working at once.
 */
export function attachConsoleNamespace(namespace: Namespace, deps: ConsoleDeps): ConsoleFeed {
  const { log, audit } = deps;

  namespace.use((socket, next) => {
    const { origin, host } = socket.handshake.headers;
    if (origin !== undefined && origin !== `${deps.tls ? 'https' : 'http'}://${host ?? ''}`) {
      log.warn({ origin: origin.slice(0, 200) }, 'console socket refused: not the console page’s origin');
      return next(handshakeRefusal('invalid_request', 'the console opens only from its own page'));
    }
    const auth = consoleHandshakeAuthSchema.safeParse(socket.handshake.auth);
    const staff = auth.success ? deps.sessions.use(auth.data.session, 'console') : undefined;
    if (!auth.success || staff === undefined) {
      return next(handshakeRefusal('unauthenticated', 'a valid console session is required'));
    }
    socket.data = { token: auth.data.session, staff };
    next();
  });

  namespace.on('connection', (socket: Socket) => {
    const { token, staff } = socket.data as { token: string; staff: StaffMember };
    const context: ConsoleContext = { token, staff, socket };
    void socket.join(room);
    attachResponder(socket, consoleProtocol.requests, consoleProtocol.errorCode, handlers, context, log);
    socket.on('error', (error) => log.warn({ staffId: staff.staffId, reason: error.message }, 'console socket failed'));
    log.info({ staffId: staff.staffId }, 'console connected');
  });

  function signedIn(context: ConsoleContext): StaffMember {
    const staff = deps.sessions.use(context.token, 'console');
    if (staff === undefined) {
      emitEvent(context.socket, consoleProtocol, 'session.ended', {}, log);
      throw new RpcFailure('unauthenticated', 'the console session ended; sign in again');
    }
    return staff;
  }

  /** The signed-in staff member, refused (and audited) unless their role may use the tool. */
  function permitted(
    context: ConsoleContext,
    tool: ConsoleTool,
    record: { action: string; kioskId?: string; housingUnitId?: string },
  ): StaffMember {
    const staff = signedIn(context);
    if (mayUseConsoleTool(staff.role, tool)) return staff;
    audit.record({ place: 'console', staffId: staff.staffId, ...record, outcome: 'not_permitted' });
    throw new RpcFailure('not_permitted', `a ${staff.role} may not do this from the console`);
  }

  const handlers: Handlers<ConsoleProtocol['requests'], ConsoleContext> = {
    'console.snapshot': (_request, context) => ({
      staff: signedIn(context),
      serverTime: new Date(deps.clock.now()).toISOString(),
      housingUnits: deps.views.housingUnits(),
      visits: deps.views.visitsToday(),
      audit: audit.recent(consoleAuditEntries),
    }),
    'kiosk.command': async ({ kioskId, action }, context) => {
      const staff = signedIn(context);
      if (deps.views.kiosk(kioskId) === undefined) throw new RpcFailure('not_found', 'no such kiosk');
      return { outcome: await deps.commands.toKiosk(kioskId, action, { staffId: staff.staffId, where: 'console' }) };
    },
    'kiosk.collectDiagnostics': async ({ kioskId }, context) => {
      const staff = signedIn(context);
      if (deps.views.kiosk(kioskId) === undefined) throw new RpcFailure('not_found', 'no such kiosk');
      return { outcome: await deps.diagnostics.collect(kioskId, { staffId: staff.staffId, where: 'console' }) };
    },
    'kiosk.runMediaCheck': async ({ kioskId }, context) => {
      const staff = permitted(context, 'media_check', { action: 'media_check.run', kioskId });
      if (deps.views.kiosk(kioskId) === undefined) throw new RpcFailure('not_found', 'no such kiosk');
      return { outcome: await deps.mediaChecks.run(kioskId, { staffId: staff.staffId, where: 'console' }) };
    },
    'kiosk.diagnostics': ({ kioskId }, context) => {
      signedIn(context);
      if (deps.views.kiosk(kioskId) === undefined) throw new RpcFailure('not_found', 'no such kiosk');
      return { diagnostics: deps.diagnostics.latest(kioskId) ?? null };
    },
    'housingUnit.command': async ({ housingUnitId, action }, context) => {
      const staff = signedIn(context);
      const results = await deps.commands.toHousingUnit(housingUnitId, action, {
        staffId: staff.staffId,
        where: 'console',
      });
      if (results === undefined) throw new RpcFailure('not_found', 'no such housing unit');
      return { results };
    },
    'housingUnit.setUpdateChannel': ({ housingUnitId, channel }, context) => {
      const staff = permitted(context, 'update_channel', { action: 'update.channel_set', housingUnitId });
      const change = deps.setUpdateChannel(housingUnitId, channel, { staffId: staff.staffId, where: 'console' });
      if (change.status === 'not_found') throw new RpcFailure('not_found', 'no such housing unit');
      return { channel, changed: change.status === 'changed' };
    },
    'visit.end': ({ visitId }, context) => {
      const staff = signedIn(context);
      const record = { place: 'console' as const, staffId: staff.staffId, action: 'visit.end', detail: { visitId } };
      audit.record({ ...record, outcome: 'given' });
      const ended = deps.endVisit(visitId, 'ended_by_staff');
      audit.record({
        ...record,
        outcome: ended === undefined ? 'not_found' : ended.changed ? 'ended' : 'already_ended',
      });
      if (ended === undefined) throw new RpcFailure('not_found', 'no such visit');
      return { endedAt: new Date(ended.endedAt).toISOString(), reason: ended.reason };
    },
    'offlineCode.issue': async ({ housingUnitId, replaces }, context) => {
      const staff = signedIn(context);
      const issued = await deps.offlineCodes.issue(housingUnitId, staff, replaces === undefined ? {} : { replaces });
      audit.record({
        place: 'console',
        staffId: staff.staffId,
        action: 'offline_code.issue',
        housingUnitId,
        outcome: issued === undefined ? 'refused' : 'issued',
        detail: { codeId: issued?.codeId ?? null, replaces: replaces ?? null },
      });
      if (issued === undefined) {
        throw new RpcFailure('too_many_codes', 'no such housing unit, or it holds as many codes as it may');
      }
      return { codeId: issued.codeId, code: issued.code, expiresAt: new Date(issued.expiresAt).toISOString() };
    },
    'offlineCode.revoke': ({ codeId }, context) => {
      const staff = signedIn(context);
      const revoked = deps.offlineCodes.revoke(codeId);
      audit.record({
        place: 'console',
        staffId: staff.staffId,
        action: 'offline_code.revoke',
        outcome: revoked ? 'revoked' : 'not_found',
        detail: { codeId },
      });
      if (!revoked) throw new RpcFailure('not_found', 'no such live code');
      return {};
    },
    'console.signOut': (_request, context) => {
      deps.sessions.close(context.token);
      audit.record({
        place: 'console',
        staffId: context.staff.staffId,
        action: 'staff.sign_out',
        outcome: 'signed_out',
      });
      setImmediate(() => context.socket.disconnect(true));
      return {};
    },
  };

  const toSignedIn = namespace.to(room);
  audit.onEntry((entry) => emitEvent(toSignedIn, consoleProtocol, 'audit.added', entry, log));
  deps.offlineCodes.onChange((housingUnitId) =>
    emitEvent(
      toSignedIn,
      consoleProtocol,
      'offlineCodes.changed',
      { housingUnitId, offlineCodes: deps.views.offlineCodes(housingUnitId) },
      log,
    ),
  );

  // A console that only watches makes no requests, so its session can lapse while events still
  // flow to it: the sweep ends such sockets.
  const sweep = setInterval(() => {
    for (const socket of namespace.sockets.values()) {
      const { token } = socket.data as { token: string };
      if (deps.sessions.isLive(token, 'console')) continue;
      emitEvent(socket, consoleProtocol, 'session.ended', {}, log);
      socket.disconnect(true);
    }
  }, deps.sweepMs ?? sessionSweepMs);
  sweep.unref();

  return {
    close: () => clearInterval(sweep),
    kioskChanged(kioskId) {
      // Read only when someone watches: a fleet's heartbeats should cost nothing here otherwise.
      if (namespace.adapter.rooms.get(room)?.size === undefined) return;
      const kiosk = deps.views.kiosk(kioskId);
      if (kiosk !== undefined) emitEvent(toSignedIn, consoleProtocol, 'kiosk.changed', kiosk, log);
    },
    updateChannelChanged(housingUnitId, channel) {
      emitEvent(toSignedIn, consoleProtocol, 'updateChannel.changed', { housingUnitId, channel }, log);
    },
    visitsChanged() {
      if (namespace.adapter.rooms.get(room)?.size === undefined) return;
      emitEvent(toSignedIn, consoleProtocol, 'visits.changed', { visits: deps.views.visitsToday() }, log);
    },
  };
}
