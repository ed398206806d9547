import type { VisitEndReason } from '../../src/shared/protocol/visit';
import type { Clock } from '../clock';
import type { MediaFlowLog } from '../domain/media-flow-log';
import type { Presence } from '../domain/presence';
import type { Logger } from '../log';
import { mediaCodecs } from './codecs';
import type { Peer } from './peer';
import { Room, type RoomVisit, type TransportListen } from './room';
import type { WorkerPool } from './worker-pool';

export interface RoomsDeps {
  pool: WorkerPool;
  listen: TransportListen;
  presence: Presence;
  flowLog: MediaFlowLog;
  clock: Clock;
  log: Logger;
  /** A room's visit reached its end time. */
  onVisitTimeUp(visitId: string): void;
}

/** setTimeout's ceiling; a later end is re-armed when the timer fires. */
const maxTimerMs = 2 ** 31 - 1;

/**
 * The open visit rooms, one per visit, created when the first peer joins and closed when the last
 * leaves. When a mediasoup worker dies, its rooms are reset, not ended: peers get `room.reset`,
 * stay connected, and the room is created again on a live worker when they `room.join` again.
 */
export class Rooms {
  readonly #rooms = new Map<string, Room>();
  readonly #creating = new Map<string, Promise<Room>>();
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: RoomsDeps) {}

  get count(): number {
    return this.#rooms.size;
  }

  visitIds(): string[] {
    return [...this.#rooms.keys()];
  }

  /** Puts the peer in its visit's room; undefined when the peer disconnected while the room was made. */
  async join(peer: Peer, visit: RoomVisit): Promise<Room | undefined> {
    peer.room?.leave(peer, 'left');
    const room = await this.#roomFor(visit);
    if (peer.gone || room.closed) return undefined;
    return room;
  }

  end(visitId: string, reason: VisitEndReason): void {
    this.#rooms.get(visitId)?.end(reason);
    this.#forget(visitId);
  }

  endAll(reason: VisitEndReason): void {
    for (const visitId of [...this.#rooms.keys()]) this.end(visitId, reason);
  }

  #roomFor(visit: RoomVisit): Promise<Room> {
    const open = this.#rooms.get(visit.id);
    if (open !== undefined && !open.closed) return Promise.resolve(open);
    let creating = this.#creating.get(visit.id);
    if (creating === undefined) {
      creating = this.#create(visit).finally(() => this.#creating.delete(visit.id));
      this.#creating.set(visit.id, creating);
    }
    return creating;
  }

  async #create(visit: RoomVisit): Promise<Room> {
    const worker = this.deps.pool.pick();
    const router = await worker.createRouter({ mediaCodecs });
    const room = new Room(visit, router, {
      listen: this.deps.listen,
      presence: this.deps.presence,
      flowLog: this.deps.flowLog,
      clock: this.deps.clock,
      log: this.deps.log,
      onEmpty: (emptied) => {
        if (this.#rooms.get(emptied.visit.id) === emptied) this.#forget(emptied.visit.id);
      },
    });
    router.on('workerclose', () => {
      if (this.#rooms.get(visit.id) !== room) return;
      this.deps.log.warn(
        { visitId: visit.id, workerPid: worker.pid },
        'visit room lost its media worker; peers told to rejoin',
      );
      this.#forget(visit.id);
      room.reset();
    });
    this.#rooms.set(visit.id, room);
    this.#armEndTimer(visit);
    this.deps.log.info({ visitId: visit.id, workerPid: worker.pid }, 'visit room created');
    return room;
  }

  #armEndTimer(visit: RoomVisit): void {
    const remaining = visit.endsAt - this.deps.clock.now();
    const timer = setTimeout(
      () => {
        this.#timers.delete(visit.id);
        if (!this.#rooms.has(visit.id)) return;
        if (remaining > maxTimerMs) this.#armEndTimer(visit);
        else this.deps.onVisitTimeUp(visit.id);
      },
      Math.max(0, Math.min(remaining, maxTimerMs)),
    );
    this.#timers.set(visit.id, timer);
  }

  #forget(visitId: string): void {
    this.#rooms.delete(visitId);
    clearTimeout(this.#timers.get(visitId));
    this.#timers.delete(visitId);
  }
}
