import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureContextOptions } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { Server as SocketServer } from 'socket.io';
import { controlProtocol } from '../src/shared/protocol/control';
import { mediaProtocol } from '../src/shared/protocol/media';
import type { VisitEndReason } from '../src/shared/protocol/visit';
import { systemClock, type Clock } from './clock';
import { loadConfig, type MediaConfig, type ServerConfig } from './config';
import { attachControlNamespace, type KioskLinks } from './control/control-namespace';
import { createCheckTicketSigner, createTicketSigner } from './credentials/tickets';
import { newToken } from './credentials/tokens';
import type { PinHashCost } from './credentials/pin-hash';
import { retireDemo, seedDemo, type DemoVisits } from './demo/seed';
import { createKiosks } from './domain/kiosks';
import { createLedgerReports } from './domain/ledger-report';
import { createMediaFlowLog } from './domain/media-flow-log';
import { createOutboxIngest } from './domain/outbox-ingest';
import { createPresence } from './domain/presence';
import { createSchedule, type VisitEnd } from './domain/schedule';
import { createSessions } from './domain/sessions';
import { createSignIn } from './domain/sign-in';
import { apiRoutes } from './http/api-routes';
import { createRouter } from './http/router';
import { visitorPageRoutes } from './http/visitor-page';
import { createLogger, type Logger } from './log';
import { attachMediaNamespace } from './media/media-namespace';
import { EchoRooms } from './media/echo-rooms';
import { Rooms } from './media/rooms';
import { WorkerPool } from './media/worker-pool';
import { openDatabase } from './store/database';
import { createAuditLog } from './audit/audit-log';
import { createStaffCommands } from './commands/staff-commands';
import { attachConsoleNamespace } from './console/console-namespace';
import { createKioskDiagnostics } from './diagnostics/kiosk-diagnostics';
import { createRemoteMediaChecks } from './diagnostics/remote-media-check';
import { consoleRoutes } from './console/console-routes';
import { createConsoleViews } from './console/console-views';
import { consoleProtocol } from '../src/shared/protocol/console';
import { ingestKioskAudit } from './audit/kiosk-audit-ingest';
import { createStaffAccounts } from './staff/staff-accounts';
import { createStaffSessions } from './staff/staff-sessions';
import { createStaffSignIn } from './staff/staff-sign-in';
import { createSetupSessions } from './setup/setup-sessions';
import { setupRoutes } from './setup/setup-routes';
import { createOfflineCodes, markOfflineCodeUse } from './staff/offline-codes';
import { loadOrCreateSecret } from './store/secrets';
import { handshakeRefusal } from './socket/handshake-refusal';
import { originGate } from './socket/origin-policy';
import { createUpdateRecords } from './updates/update-records';
import { createChannelChanges } from './updates/update-channel';
import { updateRoutes } from './updates/update-routes';

export type StartServerOptions = Partial<Omit<ServerConfig, 'media'>> & {
  media?: Partial<MediaConfig>;
  /** Defaults to the system clock; tests pass one they can move. */
  clock?: Clock;
  log?: Logger;
  /** The built visitor page; defaults to `visitor/` next to the built server. */
  visitorDir?: string;
  /** The built officer console; defaults to `console/` next to the built server. */
  consoleDir?: string;
  /** Tests pass a lower cost to keep hashing fast; never lowered by default. */
  pinHashCost?: PinHashCost;
  /** Tests shorten how often lapsed console sessions are swept. */
  consoleSessionSweepMs?: number;
  /** Tests shorten how long a media check's echo room lasts (`mediaCheckLifetimeMs`). */
  mediaCheckLifetimeMs?: number;
};

export interface RunningServer {
  /** Where it listens, with the real port when 0 was asked for. */
  readonly url: string;
  /** Bearer token for `/api/admin/...`. */
  readonly adminToken: string;
  readonly kioskLinks: KioskLinks;
  /** The demo visits' current IDs, with `demo: true`; a demo visit seeded again after its end has a new one. */
  readonly demoVisits: DemoVisits | undefined;
  /** The media workers' process ids, for fault tests. */
  workerPids(): number[];
  /** Ends open visits (`ended_by_server`), closes sockets, workers and the database. Safe to call twice. */
  close(): Promise<void>;
}

/** socket.io's limit on one message; the outbox's largest delivery fits well inside it. */
const maxMessageBytes = 1_000_000;
/** Time for `visit.ended` to reach peers before their sockets are closed at shutdown. */
const shutdownGraceMs = 200;

/** The composition root: everything the reference server is, wired together and listening. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const defaults = loadConfig({});
  const config: ServerConfig = {
    ...defaults,
    ...withoutUndefined(options),
    media: { ...defaults.media, ...withoutUndefined(options.media ?? {}) },
  };
  const clock = options.clock ?? systemClock;
  const startedAt = performance.now();
  const log = options.log ?? createLogger(config.logLevel);
  const adminToken = config.adminToken ?? newToken();
  const visitorDir = options.visitorDir ?? fileURLToPath(new URL('./visitor/', import.meta.url));
  const consoleDir = options.consoleDir ?? fileURLToPath(new URL('./console/', import.meta.url));

  const db = openDatabase(config.dataDir);
  // The demo's PIN hashes take a second of scrypt and the media workers their own start: side by side.
  const [seeded, started] = await Promise.allSettled([
    config.demo ? seedDemo(db, clock, options.pinHashCost) : Promise.resolve(retireDemo(db)),
    WorkerPool.start({
      count: config.media.workers,
      minPort: config.media.minPort,
      maxPort: config.media.maxPort,
      log,
    }),
  ]);
  if (seeded.status === 'rejected' || started.status === 'rejected') {
    if (started.status === 'fulfilled') started.value.close();
    db.close();
    throw seeded.status === 'rejected' ? seeded.reason : (started as PromiseRejectedResult).reason;
  }
  const demoVisits: DemoVisits | undefined = seeded.value ?? undefined;
  const pool = started.value;
  const schedule = createSchedule(db, clock);
  const kiosks = createKiosks(db, clock);
  const presence = createPresence(db, clock);
  const flowLog = createMediaFlowLog(db);
  const interrupted = flowLog.closeInterrupted();
  if (interrupted > 0) log.warn({ interrupted }, 'media flow records left open by an unclean stop were closed');
  const audit = createAuditLog(db, clock);
  const staffAccounts = createStaffAccounts(db, clock, options.pinHashCost);
  const staffSessions = createStaffSessions(db, clock);
  const staffSignIn = createStaffSignIn({
    db,
    accounts: staffAccounts,
    sessions: staffSessions,
    audit,
    clock,
    log,
    pinHashCost: options.pinHashCost,
  });
  const offlineCodes = createOfflineCodes(db, clock, options.pinHashCost);
  const ticketKey = loadOrCreateSecret(db, 'media-ticket-key');
  const tickets = createTicketSigner(ticketKey);
  const checkTickets = createCheckTicketSigner(ticketKey);

  // Every way a visit ends comes through here: the end is recorded once (the first reason wins),
  // then the room and the kiosks that joined are told.
  const endVisit = (visitId: string, reason: VisitEndReason): VisitEnd | undefined => {
    const ended = schedule.end(visitId, reason);
    if (ended?.changed === true) {
      log.info({ visitId, reason }, 'visit ended');
      rooms.end(visitId, ended.reason);
      kioskLinks.visitEnded(visitId, ended.reason);
      consoleFeed.visitsChanged();
    }
    return ended;
  };
  const rooms = new Rooms({
    pool,
    listen: { ip: config.media.listenIp, announcedIp: config.media.announcedIp },
    presence,
    flowLog,
    clock,
    log,
    onVisitTimeUp: (visitId) => endVisit(visitId, 'completed'),
  });
  const echoRooms = new EchoRooms({
    pool,
    listen: { ip: config.media.listenIp, announcedIp: config.media.announcedIp },
    clock,
    log,
    ...(options.mediaCheckLifetimeMs === undefined ? {} : { lifetimeMs: options.mediaCheckLifetimeMs }),
  });

  // The router needs the kiosk links, which need socket.io, which must attach after the server's
  // own request listener exists: the listener forwards to the router, built below, before listening.
  const server = createListener(config, (request, response) => handleRequest(request, response));
  const io = new SocketServer(server, {
    serveClient: false,
    maxHttpBufferSize: maxMessageBytes,
    // Kiosk renderers load from their own origin (app://, the preview host); the gate decides
    // which pages may connect, and the sockets carry no cookies, only credentials in the handshake.
    cors: { origin: true, credentials: false },
    allowRequest: originGate(config.tls !== undefined, (origin) =>
      log.warn({ origin: origin.slice(0, 200) }, 'socket refused: origin not allowed'),
    ),
  });
  // The request URL is left out: a handshake's query can carry what a client should not have sent there.
  io.engine.on('connection_error', (error: { code: number; message: string }) =>
    log.warn({ code: error.code, reason: error.message }, 'refused a socket connection'),
  );
  io.of('/').use((_socket, next) => next(handshakeRefusal('invalid_request', 'connect to /kiosk, /media or /console')));
  const kioskLinks = attachControlNamespace(io.of(controlProtocol.namespace), {
    kiosks,
    staffAccounts,
    audit,
    signIn: createSignIn(db, clock, log, { pinHashCost: options.pinHashCost }),
    staffSignIn,
    sessions: createSessions(db, clock),
    schedule,
    tickets,
    ticketTtlMs: config.media.ticketTtlMs,
    checkTickets,
    echoRooms,
    offlineCodes,
    outbox: createOutboxIngest(db, clock, {
      onStored: (record) => {
        ingestKioskAudit(audit, record);
        markOfflineCodeUse(offlineCodes, record);
      },
    }),
    clock,
    log,
    endVisit,
    onKioskChanged: (kioskId) => consoleFeed.kioskChanged(kioskId),
  });
  const commands = createStaffCommands({ db, kioskLinks, audit, log });
  const updateRecords = createUpdateRecords(db, clock);
  const setUpdateChannel = createChannelChanges({
    records: updateRecords,
    audit,
    log,
    onChanged: (housingUnitId, channel) => consoleFeed.updateChannelChanged(housingUnitId, channel),
  });
  const consoleFeed = attachConsoleNamespace(io.of(consoleProtocol.namespace), {
    sessions: staffSessions,
    views: createConsoleViews({
      db,
      clock,
      offlineCodes,
      isConnected: (kioskId) => kioskLinks.isConnected(kioskId),
    }),
    commands,
    diagnostics: createKioskDiagnostics({ db, kioskLinks, audit, clock, log }),
    mediaChecks: createRemoteMediaChecks({
      db,
      kioskLinks,
      audit,
      clock,
      log,
      onKioskChanged: (kioskId) => consoleFeed.kioskChanged(kioskId),
    }),
    setUpdateChannel,
    offlineCodes,
    audit,
    endVisit,
    clock,
    log,
    tls: config.tls !== undefined,
    ...(options.consoleSessionSweepMs === undefined ? {} : { sweepMs: options.consoleSessionSweepMs }),
  });
  offlineCodes.onChange((housingUnitId) => kioskLinks.offlineCodesChanged(housingUnitId));
  attachMediaNamespace(io.of(mediaProtocol.namespace), {
    schedule,
    tickets,
    rooms,
    checkTickets,
    echoRooms,
    clock,
    log,
    endVisit,
  });
  const handleRequest = createRouter(
    [
      ...apiRoutes({
        kiosks,
        commands,
        health: () => {
          const workers = pool.stats();
          return {
            status: workers.alive === workers.total ? 'ok' : 'degraded',
            uptimeSeconds: Math.round((performance.now() - startedAt) / 1000),
            workers,
            rooms: rooms.count,
            kiosksConnected: kioskLinks.connectedCount(),
          };
        },
        endVisit: (visitId) => endVisit(visitId, 'ended_by_staff'),
        schedule,
        ledgers: createLedgerReports(db, flowLog, presence),
        staffAccounts,
        adminToken,
        clock,
        log,
      }),
      ...visitorPageRoutes(visitorDir),
      ...setupRoutes({ staffSignIn, sessions: createSetupSessions(db, clock), kiosks, audit, clock, log }),
      ...consoleRoutes({ consoleDir, staffSignIn }),
      ...updateRoutes({
        updatesDir: config.updatesDir,
        kiosks,
        records: updateRecords,
        setChannel: setUpdateChannel,
        adminToken,
        log,
      }),
    ],
    log,
  );

  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await io.close();
    pool.close();
    db.close();
    throw error;
  }
  server.on('error', (error) => log.error({ err: error }, 'HTTP server failed'));
  const url = urlOf(server, config.tls !== undefined);
  log.info({ url }, 'visitation server listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    adminToken,
    kioskLinks,
    demoVisits,
    workerPids: () => pool.pids(),
    close: () => {
      closing ??= (async () => {
        for (const visitId of rooms.visitIds()) endVisit(visitId, 'ended_by_server');
        await new Promise((resolve) => setTimeout(resolve, rooms.count === 0 ? 0 : shutdownGraceMs));
        rooms.endAll('ended_by_server');
        echoRooms.closeAll();
        consoleFeed.close();
        const closed = io.close();
        server.closeAllConnections();
        await closed;
        pool.close();
        db.close();
        log.info('visitation server stopped');
      })();
      return closing;
    },
  };
}

function createListener(config: ServerConfig, routes: RequestListener): Server {
  if (config.tls === undefined) return createHttpServer(routes);
  return createHttpsServer(tlsOptions(config.tls), routes);
}

/** Held at TLS 1.2 or later whatever the process's defaults say (`--tls-min-v1.0`, NODE_OPTIONS). */
export function tlsOptions(tls: { certFile: string; keyFile: string }): SecureContextOptions {
  return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile), minVersion: 'TLSv1.2' };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function urlOf(server: Server, tls: boolean): string {
  const { address, family, port } = server.address() as AddressInfo;
  const shown = address === '0.0.0.0' || address === '::' ? 'localhost' : family === 'IPv6' ? `[${address}]` : address;
  return `${tls ? 'https' : 'http'}://${shown}:${port}`;
}

function withoutUndefined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
