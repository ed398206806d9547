import { describeIssues } from '../../src/shared/describe-issues';
import { type EventName, type EventOf, type Protocol } from '../../src/shared/protocol/rpc';
import type { Logger } from '../log';

export interface EventTarget {
  emit(event: string, payload: unknown): unknown;
}

/** Sends a protocol event after checking it against the protocol: the server holds itself to it too. */
export function emitEvent<P extends Protocol, E extends EventName<P>>(
  target: EventTarget,
  protocol: P,
  event: E,
  payload: EventOf<P, E>,
  log: Logger,
): void {
  const checked = (protocol.events[event] as P['events'][E]).safeParse(payload);
  if (!checked.success) {
    log.error({ event, issues: describeIssues(checked.error) }, 'event outside the protocol not sent');
    return;
  }
  target.emit(event, checked.data);
}
