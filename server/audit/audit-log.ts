import type { AuditEntry, AuditPlace } from '../../src/shared/protocol/console';
import { staffMemberSchema } from '../../src/shared/protocol/staff';
import type { Clock } from '../clock';
import type { Db } from '../store/database';

export type AuditDetail = AuditEntry['detail'];

export interface AuditRecord {
  place: AuditPlace;
  staffId: string | null;
  /** Defaults to `staff:<staffId>`, or `unknown` without one. */
  actor?: string;
  action: string;
  kioskId?: string | null;
  housingUnitId?: string | null;
  outcome: string;
  detail?: AuditDetail;
}

export interface AuditLog {
  /** Appends one entry on the server's clock; returns it as the console shows it. */
  record(entry: AuditRecord): AuditEntry;
  /**
   * Appends an entry a kiosk delivered through its outbox, once per kiosk and outbox key; the
   * entry when it is new, undefined for a redelivery.
   */
  ingest(kioskId: string, key: string, entry: Omit<AuditRecord, 'place'>): AuditEntry | undefined;
  /** The newest entries first. */
  recent(limit: number): AuditEntry[];
  /** Told of every new entry (the console's live view). */
  onEntry(listener: (entry: AuditEntry) => void): () => void;
}

interface AuditRow {
  id: number;
  at: number;
  place: AuditPlace;
  staff_id: string | null;
  actor: string;
  action: string;
  kiosk_id: string | null;
  housing_unit_id: string | null;
  outcome: string;
  detail: string;
}

/** Staff IDs as a kiosk writes them in an audit actor: `staff:<id>`, `officer:<id>` or `technician:<id>`. */
export function staffIdOfActor(actor: string): string | null {
  const match = /^(?:staff|officer|technician):(.+)$/.exec(actor);
  const id = staffMemberSchema.shape.staffId.safeParse(match?.[1]);
  return id.success ? id.data : null;
}

/** The server's audit table: append-only, one row per staff action or failed staff sign-in. */
export function createAuditLog(db: Db, clock: Clock): AuditLog {
  const insert = db.prepare<
    {
      at: number;
      place: AuditPlace;
      staffId: string | null;
      actor: string;
      action: string;
      kioskId: string | null;
      housingUnitId: string | null;
      outcome: string;
      detail: string;
      sourceKey: string | null;
    },
    AuditRow
  >(
    `INSERT INTO audit_log (at, place, staff_id, actor, action, kiosk_id, housing_unit_id, outcome, detail, source_key)
     VALUES (@at, @place, @staffId, @actor, @action, @kioskId,
       COALESCE(@housingUnitId, (SELECT housing_unit_id FROM kiosks WHERE id = @kioskId)), @outcome, @detail, @sourceKey)
     ON CONFLICT (source_key) DO NOTHING RETURNING *`,
  );
  const recent = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  const listeners = new Set<(entry: AuditEntry) => void>();

  function append(entry: AuditRecord, sourceKey: string | null): AuditEntry | undefined {
    const row = insert.get({
      at: clock.now(),
      place: entry.place,
      staffId: entry.staffId,
      actor: entry.actor ?? (entry.staffId === null ? 'unknown' : `staff:${entry.staffId}`),
      action: entry.action,
      kioskId: entry.kioskId ?? null,
      housingUnitId: entry.housingUnitId ?? null,
      outcome: entry.outcome,
      detail: JSON.stringify(entry.detail ?? {}),
      sourceKey,
    });
    if (row === undefined) return undefined;
    const shown = toEntry(row);
    for (const listener of listeners) listener(shown);
    return shown;
  }

  return {
    record: (entry) => append(entry, null) as AuditEntry,
    ingest: (kioskId, key, entry) => append({ ...entry, place: 'kiosk', kioskId }, `${kioskId}:${key}`),
    recent: (limit) => recent.all(limit).map(toEntry),
    onEntry(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    place: row.place,
    staffId: row.staff_id,
    actor: row.actor,
    action: row.action,
    kioskId: row.kiosk_id,
    housingUnitId: row.housing_unit_id,
    outcome: row.outcome,
    detail: JSON.parse(row.detail) as AuditDetail,
  };
}
