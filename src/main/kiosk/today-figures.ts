import type { KioskStatus } from '../../shared/protocol/kiosk-status';
import type { VisitLedger } from '../store/visit-ledger';

export type TodayFigures = NonNullable<KioskStatus['today']>;

/** The start of the local calendar day `at` falls in: a facility counts its days by its own clock. */
export function localMidnight(at: number): number {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * Today's visits at this kiosk from its ledger: how many, minutes connected and lost, and the
 * drops (each one a reconnect). The ledger is dated by the server's clock, and so is `now`.
 */
export function todayFigures(ledger: Pick<VisitLedger, 'since'>, now: number): TodayFigures {
  const totals = ledger.since(localMidnight(now));
  const minutes = (seconds: number): number => Math.round((seconds / 60) * 10) / 10;
  return {
    visits: totals.visits,
    connectedMinutes: minutes(totals.connectedSeconds),
    lostMinutes: minutes(totals.disconnectedSeconds),
    reconnects: totals.drops,
  };
}
