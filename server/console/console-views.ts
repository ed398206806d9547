import {
  type ConsoleHousingUnit,
  type ConsoleKiosk,
  type ConsoleOfflineCode,
  type ConsoleVisit,
} from '../../src/shared/protocol/console';
import { mediaCheckResultSchema } from '../../src/shared/contract/media-check';
import { kioskStatusSchema } from '../../src/shared/protocol/kiosk-status';
import type { UpdateChannel } from '../../src/shared/protocol/updates';
import type { VisitEndReason } from '../../src/shared/protocol/visit';
import type { Clock } from '../clock';
import { displayName } from '../domain/display-name';
import { visitStatus } from '../domain/schedule';
import type { OfflineCodes } from '../staff/offline-codes';
import type { Db } from '../store/database';

/** What the console shows, read from the database and the set of connected kiosks. */
export interface ConsoleViews {
  housingUnits(): ConsoleHousingUnit[];
  kiosk(kioskId: string): ConsoleKiosk | undefined;
  offlineCodes(housingUnitId: string): ConsoleOfflineCode[];
  /** Visits from the start of the server's day to a day ahead, in every housing unit. */
  visitsToday(): ConsoleVisit[];
}

interface KioskRow {
  id: string;
  housing_unit_id: string;
  location: string | null;
  last_seen_at: number | null;
  last_status: string | null;
  last_media_check: string | null;
}

interface VisitRow {
  id: string;
  housing_unit_id: string;
  inmate_first: string;
  inmate_last: string;
  visitor_first: string;
  visitor_last: string;
  starts_at: number;
  ends_at: number;
  privileged: number;
  ended_at: number | null;
  end_reason: VisitEndReason | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function createConsoleViews(deps: {
  db: Db;
  clock: Clock;
  offlineCodes: Pick<OfflineCodes, 'list'>;
  isConnected(kioskId: string): boolean;
}): ConsoleViews {
  const { db, clock } = deps;
  const units = db.prepare<[], { id: string; name: string; update_channel: UpdateChannel }>(
    'SELECT id, name, update_channel FROM housing_units ORDER BY name',
  );
  const kiosksOfUnit = db.prepare<[string], KioskRow>(
    `SELECT id, housing_unit_id, location, last_seen_at, last_status, last_media_check
     FROM kiosks WHERE housing_unit_id = ? ORDER BY id`,
  );
  const oneKiosk = db.prepare<[string], KioskRow>(
    'SELECT id, housing_unit_id, location, last_seen_at, last_status, last_media_check FROM kiosks WHERE id = ?',
  );
  const visits = db.prepare<[number, number], VisitRow>(
    `SELECT v.id, i.housing_unit_id, i.first_name AS inmate_first, i.last_name AS inmate_last,
            p.first_name AS visitor_first, p.last_name AS visitor_last,
            v.starts_at, v.ends_at, v.privileged, v.ended_at, v.end_reason
     FROM visits v JOIN inmates i ON i.id = v.inmate_id JOIN visitors p ON p.id = v.visitor_id
     WHERE v.ends_at > ? AND v.starts_at < ? ORDER BY v.starts_at LIMIT 2000`,
  );

  function toKiosk(row: KioskRow): ConsoleKiosk {
    const status = row.last_status === null ? undefined : kioskStatusSchema.safeParse(JSON.parse(row.last_status));
    const check =
      row.last_media_check === null ? undefined : mediaCheckResultSchema.safeParse(JSON.parse(row.last_media_check));
    return {
      kioskId: row.id,
      housingUnitId: row.housing_unit_id,
      location: row.location,
      online: deps.isConnected(row.id),
      lastSeenAt: isoOrNull(row.last_seen_at),
      // A status stored by an older kiosk version than this contract shows as unknown.
      status: status?.success === true ? status.data : null,
      lastMediaCheck: check?.success === true ? check.data : null,
    };
  }

  function offlineCodes(housingUnitId: string): ConsoleOfflineCode[] {
    return deps.offlineCodes.list(housingUnitId).map((code) => ({
      codeId: code.codeId,
      staffId: code.staffId,
      issuedAt: iso(code.issuedAt),
      expiresAt: iso(code.expiresAt),
      usedAt: isoOrNull(code.usedAt),
      usedAtKiosk: code.usedAtKiosk,
      replacementDue: code.replacementDue,
    }));
  }

  return {
    housingUnits: () =>
      units.all().map((unit) => ({
        id: unit.id,
        name: unit.name,
        updateChannel: unit.update_channel,
        kiosks: kiosksOfUnit.all(unit.id).map(toKiosk),
        offlineCodes: offlineCodes(unit.id),
      })),
    kiosk(kioskId) {
      const row = oneKiosk.get(kioskId);
      return row === undefined ? undefined : toKiosk(row);
    },
    offlineCodes,
    visitsToday() {
      const now = clock.now();
      const dayStart = new Date(now).setHours(0, 0, 0, 0);
      return visits.all(dayStart, now + 24 * 60 * 60_000).map((row) => ({
        visitId: row.id,
        housingUnitId: row.housing_unit_id,
        inmateName: displayName(row.inmate_first, row.inmate_last),
        visitorName: displayName(row.visitor_first, row.visitor_last),
        startsAt: iso(row.starts_at),
        endsAt: iso(row.ends_at),
        privileged: row.privileged === 1,
        status: visitStatus({ startsAt: row.starts_at, endsAt: row.ends_at, endedAt: row.ended_at ?? undefined }, now),
        endReason: row.end_reason,
      }));
    },
  };
}
