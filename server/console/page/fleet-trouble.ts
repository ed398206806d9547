import type { ConsoleHousingUnit, ConsoleKiosk } from '../../../src/shared/protocol/console';

/** One thing wrong with a kiosk, worst kinds first in `troubleKinds`. */
export type Trouble =
  | { kind: 'offline'; since: string | null }
  | { kind: 'device'; device: string; health: 'degraded' | 'fault' | 'missing' }
  | { kind: 'outbox'; pending: number }
  | { kind: 'lostMinutes'; minutes: number }
  | { kind: 'inmateError'; code: string; at: string };

export interface KioskTrouble {
  kiosk: ConsoleKiosk;
  unitName: string;
  troubles: Trouble[];
}

/** An error shown to an inmate counts as trouble for a day; older ones are history. */
const recentErrorMs = 24 * 60 * 60_000;

/** Records waiting that are worth a look: a kiosk drains a handful within seconds of reconnecting. */
export const outboxBacklog = 20;

function troublesOf(kiosk: ConsoleKiosk, now: number): Trouble[] {
  const troubles: Trouble[] = [];
  if (!kiosk.online) troubles.push({ kind: 'offline', since: kiosk.lastSeenAt });
  const status = kiosk.status;
  if (status === null) return troubles;
  for (const [device, health] of Object.entries(status.devices)) {
    if (health !== undefined && health !== 'ok') troubles.push({ kind: 'device', device, health });
  }
  if (status.outboxPending >= outboxBacklog) troubles.push({ kind: 'outbox', pending: status.outboxPending });
  const lost = status.today?.lostMinutes ?? 0;
  if (lost > 0) troubles.push({ kind: 'lostMinutes', minutes: lost });
  const error = status.lastInmateError;
  if (error !== null && error !== undefined && now - Date.parse(error.at) < recentErrorMs) {
    troubles.push({ kind: 'inmateError', code: error.code, at: error.at });
  }
  return troubles;
}

/**
 * Every kiosk of the facility, the broken ones at the top: offline longest first (never seen
 * before last seen long ago), then device faults, then an outbox backlog, then the most minutes
 * lost today, then an error shown to an inmate in the last day; kiosks with nothing wrong last.
 */
export function rankByTrouble(units: readonly ConsoleHousingUnit[], now: Date): KioskTrouble[] {
  const ranked = units.flatMap((unit) =>
    unit.kiosks.map((kiosk) => ({ kiosk, unitName: unit.name, troubles: troublesOf(kiosk, now.getTime()) })),
  );
  return ranked.sort((a, b) => compareTrouble(a, b) || a.kiosk.kioskId.localeCompare(b.kiosk.kioskId));
}

function compareTrouble(a: KioskTrouble, b: KioskTrouble): number {
  const find = <K extends Trouble['kind']>(entry: KioskTrouble, kind: K) =>
    entry.troubles.find((trouble): trouble is Extract<Trouble, { kind: K }> => trouble.kind === kind);
  const offlineA = find(a, 'offline');
  const offlineB = find(b, 'offline');
  if ((offlineA === undefined) !== (offlineB === undefined)) return offlineA === undefined ? 1 : -1;
  if (offlineA !== undefined && offlineB !== undefined) {
    const seen = (trouble: typeof offlineA) => (trouble.since === null ? -Infinity : Date.parse(trouble.since));
    const bySeen = seen(offlineA) - seen(offlineB);
    if (bySeen !== 0) return bySeen;
  }
  const devices = (entry: KioskTrouble) => entry.troubles.filter((trouble) => trouble.kind === 'device').length;
  const outbox = (entry: KioskTrouble) => find(entry, 'outbox')?.pending ?? 0;
  const lost = (entry: KioskTrouble) => find(entry, 'lostMinutes')?.minutes ?? 0;
  const error = (entry: KioskTrouble) => (find(entry, 'inmateError') === undefined ? 0 : 1);
  return devices(b) - devices(a) || outbox(b) - outbox(a) || lost(b) - lost(a) || error(b) - error(a);
}
