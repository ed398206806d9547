import { events, type EventName, type EventOf } from '../../shared/contract/contract';
import type { EventFrame } from '../../shared/contract/frames';

export type FrameSink = (frame: EventFrame) => void;

/**
 * Fans main's events out to whichever renderers a host has attached. Payloads are checked against
 * the contract before they leave, so a bug in main surfaces here rather than in the UI.
 */
export class EventHub {
  private readonly sinks = new Set<FrameSink>();

  attach(sink: FrameSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    const frame: EventFrame = { type: 'event', event, payload: events[event].parse(payload) };
    for (const sink of this.sinks) sink(frame);
  }
}
