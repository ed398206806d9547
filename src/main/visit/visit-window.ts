import type { VisitSummary } from '../../shared/protocol/visit';

/** When a visit may be started and when it ends, on the server's clock: the server's own figures. */
export type VisitWindow = Pick<VisitSummary, 'visitId' | 'opensAt' | 'endsAt'>;

/** Why a visit cannot be started now; the names are the ones the visit list shows the person. */
export type StartRefusal = { reason: 'visit_not_open'; opensAt: string } | { reason: 'visit_over' };

/** Undefined when `serverNow` is inside the window: from its opening up to, not including, its end. */
export function startRefusal(window: VisitWindow, serverNow: number): StartRefusal | undefined {
  if (serverNow >= Date.parse(window.endsAt)) return { reason: 'visit_over' };
  if (serverNow < Date.parse(window.opensAt)) return { reason: 'visit_not_open', opensAt: window.opensAt };
  return undefined;
}
