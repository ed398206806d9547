import type { PeerRole } from '../../src/shared/protocol/media';
import type { Clock } from '../clock';
import type { FlowStretch, MediaFlowLog } from '../domain/media-flow-log';
import type { Logger } from '../log';

/** What the watch reads of a mediasoup producer. */
export interface FlowProducer {
  readonly id: string;
  readonly closed: boolean;
  readonly paused: boolean;
  getStats(): Promise<ReadonlyArray<{ packetCount: number }>>;
}

/** What the watch reads of a mediasoup consumer. */
export interface FlowConsumer {
  readonly closed: boolean;
  readonly paused: boolean;
  readonly producerPaused: boolean;
}

/** One side of the call, as a room's peer is. */
export interface FlowSide {
  readonly role: PeerRole;
  readonly producers: ReadonlyMap<string, FlowProducer>;
  readonly consumers: ReadonlyMap<string, FlowConsumer>;
}

export interface MediaFlowWatchOptions {
  visitId: string;
  sides(): Iterable<FlowSide>;
  log: MediaFlowLog;
  clock: Clock;
  logger: Logger;
  /** How often producers' packet counts are read. */
  intervalMs?: number;
  /**
   * A producer's packets grew again after a look that saw none (a network cut, a stalled sender):
   * what was lost in between cannot be repaired, so its consumers' decoders wait for a keyframe,
   * which the receiving browser asks for only after it gives up on retransmissions (1–3 s).
   */
  onResumed?: (producerId: string) => void;
}

const bothRoles: readonly PeerRole[] = ['inmate', 'visitor'];
/**
 * How long a side may send nothing before its media counts as stopped: the kiosk's own rule
 * (`VisitCall`), so that a hiccup shorter than this is a drop on neither side or on both.
 */
const quietAfterMs = 1000;

/**
 * Decides, from what the server itself can observe, when a visit's media flows both ways, and
 * records it in the media flow log. Both sides must be *sending*: RTP from at least one of their
 * producers reached the server since the last look (the packet count grew); and both must be
 * *subscribed*: each has a consumer of the other's media that neither side has paused.
 *
 * The server cannot see whether its packets reach a peer (only that peer's own reports could say),
 * and mediasoup's scores and ICE states do not change when a network goes quiet (no consent checks
 * here), so packet counts are the evidence. A side that sent nothing for `quietAfterMs` has stopped.
 * A change is dated at the middle of the interval in which it was seen, which is where a steady
 * stream's start or end falls on average: a stretch ends where the first side to stop last sent.
 */
export class MediaFlowWatch {
  readonly #options: MediaFlowWatchOptions;
  readonly #intervalMs: number;
  #packets = new Map<string, number>();
  /** Producers whose count did not grow at the last look. */
  #quiet = new Set<string>();
  #lastLookAt: number;
  #stretch: FlowStretch | undefined;
  #stretchSeenAt = 0;
  /** By side: the middle of the last look that saw its packets grow. */
  #lastSentAt = new Map<PeerRole, number>();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: MediaFlowWatchOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? 250;
    this.#lastLookAt = options.clock.now();
    this.#schedule();
  }

  /** The room closed: a stretch still open ends now. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#stretch?.end(this.#options.clock.now());
    this.#stretch = undefined;
  }

  #schedule(): void {
    this.#timer = setTimeout(() => {
      this.#look().then(
        () => {
          if (!this.#stopped) this.#schedule();
        },
        (error: unknown) => {
          this.#options.logger.error({ err: error, visitId: this.#options.visitId }, 'watching media flow failed');
          if (!this.#stopped) this.#schedule();
        },
      );
    }, this.#intervalMs);
  }

  async #look(): Promise<void> {
    const sides = [...this.#options.sides()];
    const counts = new Map<string, number>();
    const quiet = new Set<string>();
    const resumed: string[] = [];
    const sending = new Set<PeerRole>();
    const subscribed = new Set<PeerRole>();
    await Promise.all(
      sides.flatMap((side) =>
        [...side.producers.values()].map(async (producer) => {
          if (producer.closed || producer.paused) return;
          // A producer closed while being asked has nothing more to say.
          const stats = await producer.getStats().catch(() => []);
          const packets = stats.reduce((sum, stat) => sum + stat.packetCount, 0);
          counts.set(producer.id, packets);
          if (packets > (this.#packets.get(producer.id) ?? 0)) {
            sending.add(side.role);
            if (this.#quiet.has(producer.id)) resumed.push(producer.id);
          } else {
            quiet.add(producer.id);
          }
        }),
      ),
    );
    for (const side of sides) {
      const flowing = [...side.consumers.values()].some(
        (consumer) => !consumer.closed && !consumer.paused && !consumer.producerPaused,
      );
      if (flowing) subscribed.add(side.role);
    }
    if (this.#stopped) return;
    this.#packets = counts;
    this.#quiet = quiet;
    for (const producerId of resumed) this.#options.onResumed?.(producerId);

    const now = this.#options.clock.now();
    const middle = Math.round((this.#lastLookAt + now) / 2);
    this.#lastLookAt = now;
    for (const role of sending) this.#lastSentAt.set(role, middle);
    const sends = (role: PeerRole): boolean => now - (this.#lastSentAt.get(role) ?? -Infinity) <= quietAfterMs;
    const flowing = bothRoles.every((role) => sends(role) && subscribed.has(role));
    // Both sides sent until the first of them stopped: while flowing, no later than now.
    const bothSentUntil = Math.min(middle, ...bothRoles.map((role) => this.#lastSentAt.get(role) ?? middle));
    if (flowing && this.#stretch === undefined) {
      this.#stretch = this.#options.log.begin(this.#options.visitId, middle);
      this.#stretchSeenAt = middle;
    } else if (flowing && this.#stretch !== undefined) {
      if (bothSentUntil > this.#stretchSeenAt) {
        this.#stretch.seen(bothSentUntil);
        this.#stretchSeenAt = bothSentUntil;
      }
    } else if (this.#stretch !== undefined) {
      this.#stretch.end(Math.max(this.#stretchSeenAt, bothSentUntil));
      this.#stretch = undefined;
    }
  }
}
