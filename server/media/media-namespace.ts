import type { Namespace, Socket } from 'socket.io';
import {
  mediaHandshakeAuthSchema,
  mediaProtocol,
  type MediaProtocol,
  type PeerRole,
} from '../../src/shared/protocol/media';
import { RpcFailure } from '../../src/shared/protocol/rpc';
import { attachResponder, type Handlers } from '../../src/shared/protocol/rpc-responder';
import type { VisitEndReason } from '../../src/shared/protocol/visit';
import { createRateLimiter, type RateLimit } from '../abuse/rate-limit';
import type { Clock } from '../clock';
import type { CheckTicketSigner, TicketSigner } from '../credentials/tickets';
import { joinWindow, type Schedule, type Visit } from '../domain/schedule';
import type { Logger } from '../log';
import { handshakeRefusal } from '../socket/handshake-refusal';
import { Peer } from './peer';
import type { EchoRoom } from './echo-room';
import type { EchoRooms } from './echo-rooms';
import type { Room } from './room';
import type { Rooms } from './rooms';

export interface MediaNamespaceDeps {
  schedule: Schedule;
  tickets: TicketSigner;
  rooms: Rooms;
  /** Kiosks' media checks: a check ticket admits its kiosk to its echo room only. */
  checkTickets: CheckTicketSigner;
  echoRooms: EchoRooms;
  clock: Clock;
  log: Logger;
  endVisit(visitId: string, reason: VisitEndReason): void;
}

/**
 * Visitor-code handshakes refused per client address; a code that names a visit costs nothing,
 * so a visitor's reconnects are never throttled.
 */
export const visitorCodeLimit: RateLimit = { burst: 10, refillMs: 30_000 };

interface MediaSocketData {
  /** The visit's ID, or the check's for a media check. */
  visitId: string;
  role: PeerRole;
  displayName: string;
  check: boolean;
}

/**
 * The `/media` namespace. The handshake decides who a socket is (the inmate's side by a kiosk
 * ticket, the visitor's by their visit code) and which visit it may enter; the requests then act
 * only on that visit's room.
 */
export function attachMediaNamespace(namespace: Namespace, deps: MediaNamespaceDeps): void {
  const { log } = deps;
  const codeAttempts = createRateLimiter(visitorCodeLimit, deps.clock);

  namespace.use((socket, next) => {
    const auth = mediaHandshakeAuthSchema.safeParse(socket.handshake.auth);
    // Tickets are signed and cannot be guessed; anything else may be someone trying codes.
    const address = socket.handshake.address;
    if (!auth.success || !('ticket' in auth.data)) {
      const attempt = codeAttempts.take(address);
      if (!attempt.allowed) {
        log.warn({ address, retryAfterSeconds: attempt.retryAfterSeconds }, 'visitor code handshakes throttled');
        return next(
          handshakeRefusal(
            'too_many_attempts',
            'too many wrong visit codes; try again later',
            attempt.retryAfterSeconds,
          ),
        );
      }
    }
    if (!auth.success) return next(handshakeRefusal('unauthenticated', 'a visit ticket or visit code is required'));
    const now = deps.clock.now();
    const check = 'ticket' in auth.data ? deps.checkTickets.verify(auth.data.ticket, now) : undefined;
    if (check !== undefined) {
      if (!deps.echoRooms.isOpen(check.checkId, check.kioskId)) {
        return next(handshakeRefusal('unauthenticated', 'this media check is over; start another'));
      }
      const data: MediaSocketData = { visitId: check.checkId, role: 'inmate', displayName: 'Kiosk', check: true };
      socket.data = data;
      return next();
    }
    let visit: Visit | undefined;
    let role: PeerRole;
    if ('ticket' in auth.data) {
      const claims = deps.tickets.verify(auth.data.ticket, now);
      const ticketVisit = claims === undefined ? undefined : deps.schedule.find(claims.visitId);
      // The ticket names the inmate too: a visit given to someone else since does not admit them.
      visit = ticketVisit !== undefined && ticketVisit.inmateId === claims?.inmateId ? ticketVisit : undefined;
      role = 'inmate';
    } else {
      visit = deps.schedule.findByVisitorCode(auth.data.code);
      role = 'visitor';
      if (visit !== undefined) codeAttempts.giveBack(address);
    }
    if (visit === undefined) return next(handshakeRefusal('unauthenticated', 'unknown or expired ticket or code'));
    const window = joinWindow(visit, now);
    if (window.state === 'over') return next(handshakeRefusal('visit_over', 'this visit is over'));
    if (window.state === 'scheduled') {
      return next(
        handshakeRefusal('visit_not_open', `this visit opens in ${Math.ceil(window.opensInMs / 60_000)} min`),
      );
    }
    const data: MediaSocketData = {
      visitId: visit.id,
      role,
      displayName: role === 'inmate' ? visit.inmateName : visit.visitorName,
      check: false,
    };
    socket.data = data;
    next();
  });

  namespace.on('connection', (socket: Socket) => {
    const data = socket.data as MediaSocketData;
    const peer = new Peer(data.visitId, data.role, data.displayName, socket, log, data.check);
    attachResponder(socket, mediaProtocol.requests, mediaProtocol.errorCode, handlers, peer, log);
    socket.on('error', (error) =>
      log.warn({ visitId: data.visitId, role: data.role, reason: error.message }, 'media socket failed'),
    );
    socket.on('disconnect', () => {
      peer.gone = true;
      peer.room?.leave(peer, 'disconnected');
    });
  });

  const handlers: Handlers<MediaProtocol['requests'], Peer> = {
    'room.join': async (_payload, peer) => {
      if (peer.check) {
        const room = await deps.echoRooms.join(peer, peer.visitId);
        if (room === undefined) throw new RpcFailure('visit_over', 'this media check is over; start another');
        return room.join(peer);
      }
      const visit = deps.schedule.find(peer.visitId);
      if (visit === undefined || joinWindow(visit, deps.clock.now()).state !== 'open') {
        throw new RpcFailure('visit_over', 'this visit is no longer open');
      }
      const room = await deps.rooms.join(peer, {
        id: visit.id,
        endsAt: visit.endsAt,
        privileged: visit.privileged,
        signLanguage: visit.signLanguage,
      });
      if (room === undefined) throw new RpcFailure('invalid_state', 'the room closed while joining; join again');
      return room.join(peer);
    },
    'transport.create': ({ direction }, peer) => joined(peer).createTransport(peer, direction),
    'transport.connect': (payload, peer) => joined(peer).connectTransport(peer, payload),
    'transport.restartIce': (payload, peer) => joined(peer).restartIce(peer, payload),
    produce: (payload, peer) => joined(peer).produce(peer, payload),
    consume: (payload, peer) => joined(peer).consume(peer, payload),
    'producer.close': (payload, peer) => joined(peer).closeProducer(peer, payload),
    'consumer.resume': (payload, peer) => joined(peer).resumeConsumer(peer, payload),
    'room.leave': ({ reason }, peer) => {
      if (reason === 'hang_up' && !peer.check) {
        deps.endVisit(peer.visitId, peer.role === 'inmate' ? 'hung_up_by_inmate' : 'hung_up_by_visitor');
      } else {
        peer.room?.leave(peer, 'left');
      }
      return {};
    },
  };
}

function joined(peer: Peer): Room | EchoRoom {
  if (peer.room === undefined) throw new RpcFailure('not_joined', 'join the room first');
  return peer.room;
}
