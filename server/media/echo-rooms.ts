import { randomUUID } from 'node:crypto';
import { mediaCheckLifetimeMs } from '../../src/shared/protocol/control';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import { mediaCodecs } from './codecs';
import { EchoRoom } from './echo-room';
import type { Peer } from './peer';
import type { TransportListen } from './room';
import type { WorkerPool } from './worker-pool';

export interface EchoRoomsDeps {
  pool: WorkerPool;
  listen: TransportListen;
  clock: Clock;
  log: Logger;
  /** How long a check lasts from `open`; `mediaCheckLifetimeMs` unless a test shortens it. */
  lifetimeMs?: number;
}

/** A check the server agreed to: its room is made when the kiosk first joins. */
interface OpenCheck {
  checkId: string;
  kioskId: string;
  closesAt: number;
  timer: NodeJS.Timeout;
  room: Promise<EchoRoom> | undefined;
}

/**
 * The media checks under way, at most one per kiosk, each closing itself when its time is up
 * whether or not the kiosk ever joined or left.
 */
export class EchoRooms {
  readonly #byKiosk = new Map<string, OpenCheck>();
  readonly #byCheck = new Map<string, OpenCheck>();

  constructor(private readonly deps: EchoRoomsDeps) {}

  get count(): number {
    return this.#byCheck.size;
  }

  /** A new check for the kiosk; one it had open is closed first. */
  open(kioskId: string): { checkId: string; closesAt: number } {
    const previous = this.#byKiosk.get(kioskId);
    if (previous !== undefined) this.#close(previous, 'replaced');
    const lifetimeMs = this.deps.lifetimeMs ?? mediaCheckLifetimeMs;
    const check: OpenCheck = {
      checkId: `check-${randomUUID()}`,
      kioskId,
      closesAt: this.deps.clock.now() + lifetimeMs,
      timer: setTimeout(() => this.#close(check, 'time_up'), lifetimeMs),
      room: undefined,
    };
    this.#byKiosk.set(kioskId, check);
    this.#byCheck.set(check.checkId, check);
    this.deps.log.info({ kioskId, checkId: check.checkId, lifetimeMs }, 'media check opened');
    return { checkId: check.checkId, closesAt: check.closesAt };
  }

  isOpen(checkId: string, kioskId: string): boolean {
    return this.#byCheck.get(checkId)?.kioskId === kioskId;
  }

  /** Puts the kiosk's peer in its check's room; undefined when the check is over or the peer gone. */
  async join(peer: Peer, checkId: string): Promise<EchoRoom | undefined> {
    const check = this.#byCheck.get(checkId);
    if (check === undefined) return undefined;
    const joining = (check.room ??= this.#create(check));
    let room = await joining;
    // The kiosk's connection dropped mid-check and it is back: a new room while the check lasts.
    if (room.closed && this.#byCheck.get(checkId) === check) {
      if (check.room === joining) check.room = this.#create(check);
      room = await check.room;
    }
    if (peer.gone || room.closed) return undefined;
    return room;
  }

  /** The server stops: every check ends. */
  closeAll(): void {
    for (const check of [...this.#byCheck.values()]) this.#close(check, 'server_stopping');
  }

  async #create(check: OpenCheck): Promise<EchoRoom> {
    const router = await this.deps.pool.pick().createRouter({ mediaCodecs });
    const room = new EchoRoom(check.checkId, check.kioskId, check.closesAt, router, {
      listen: this.deps.listen,
      log: this.deps.log,
      // The kiosk left: the check is done, and its ticket admits nobody any more. Its connection
      // dropped (main reloads the renderer as setup reaches the check): a new room on its next join.
      onClosed: (_closed, outcome) => {
        if (outcome === 'ended') this.#close(check, 'left');
      },
    });
    // Closed while the router was made: nothing is left open.
    if (this.#byCheck.get(check.checkId) !== check) room.close();
    return room;
  }

  #close(check: OpenCheck, reason: 'time_up' | 'replaced' | 'left' | 'server_stopping'): void {
    if (this.#byCheck.get(check.checkId) !== check) return;
    this.#byCheck.delete(check.checkId);
    if (this.#byKiosk.get(check.kioskId) === check) this.#byKiosk.delete(check.kioskId);
    clearTimeout(check.timer);
    this.deps.log.info({ kioskId: check.kioskId, checkId: check.checkId, reason }, 'media check over');
    void check.room?.then((room) => room.expire()).catch(() => {});
  }
}
