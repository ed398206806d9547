import { randomUUID } from 'node:crypto';
import type { VisitEndReason, VisitStatus, VisitSummary } from '../../src/shared/protocol/visit';
import type { Clock } from '../clock';
import { digest, newVisitorCode } from '../credentials/tokens';
import type { Db } from '../store/database';
import { displayName } from './display-name';

/** A visit may be joined from this long before its start, so both sides can get settled in. */
export const visitOpensBeforeStartMs = 10 * 60_000;

export interface Visit {
  id: string;
  inmateId: string;
  inmateName: string;
  visitorName: string;
  startsAt: number;
  endsAt: number;
  privileged: boolean;
  /** Booked for sign language: the call sends video that keeps its frame rate (`send-plan.ts`). */
  signLanguage: boolean;
  endedAt: number | undefined;
  endReason: VisitEndReason | undefined;
}

export type JoinWindow = { state: 'open' } | { state: 'scheduled'; opensInMs: number } | { state: 'over' };

/** Where `now` falls in a visit's window: joinable, not yet, or never again. */
export function joinWindow(visit: Pick<Visit, 'startsAt' | 'endsAt' | 'endedAt'>, now: number): JoinWindow {
  if (visit.endedAt !== undefined || now >= visit.endsAt) return { state: 'over' };
  const opensAt = visit.startsAt - visitOpensBeforeStartMs;
  return now < opensAt ? { state: 'scheduled', opensInMs: opensAt - now } : { state: 'open' };
}

export function visitStatus(visit: Pick<Visit, 'startsAt' | 'endsAt' | 'endedAt'>, now: number): VisitStatus {
  return joinWindow(visit, now).state;
}

export interface VisitEnd {
  endedAt: number;
  reason: VisitEndReason;
  /** False when the visit had already ended: the earlier end stands. */
  changed: boolean;
}

export interface NewVisit {
  inmateId: string;
  visitor: { firstName: string; lastName: string };
  startsAt: number;
  endsAt: number;
  privileged: boolean;
  signLanguage: boolean;
}

export interface Schedule {
  /**
   * The inmate's visits overlapping today (the server's local day: run it in the facility's time
   * zone) or starting within the next 24 hours, so that late in the evening tomorrow morning's
   * visits are on the list too.
   */
  visitsFromToday(inmateId: string): VisitSummary[];
  find(visitId: string): Visit | undefined;
  findByVisitorCode(code: string): Visit | undefined;
  end(visitId: string, reason: VisitEndReason): VisitEnd | undefined;
  /** Books a visit with a new visitor; undefined when there is no such inmate. The code is not kept. */
  create(visit: NewVisit): { visitId: string; visitorCode: string } | undefined;
}

interface VisitRow {
  id: string;
  inmate_id: string;
  inmate_first: string;
  inmate_last: string;
  visitor_first: string;
  visitor_last: string;
  starts_at: number;
  ends_at: number;
  privileged: number;
  sign_language: number;
  ended_at: number | null;
  end_reason: VisitEndReason | null;
}

const selectVisits = `
  SELECT v.id, v.inmate_id, i.first_name AS inmate_first, i.last_name AS inmate_last,
         p.first_name AS visitor_first, p.last_name AS visitor_last,
         v.starts_at, v.ends_at, v.privileged, v.sign_language, v.ended_at, v.end_reason
  FROM visits v JOIN inmates i ON i.id = v.inmate_id JOIN visitors p ON p.id = v.visitor_id`;

export function createSchedule(db: Db, clock: Clock): Schedule {
  const byInmate = db.prepare<[string, number, number], VisitRow>(
    `${selectVisits} WHERE v.inmate_id = ? AND v.ends_at > ? AND v.starts_at < ? ORDER BY v.starts_at`,
  );
  const byId = db.prepare<[string], VisitRow>(`${selectVisits} WHERE v.id = ?`);
  const byCode = db.prepare<[string], VisitRow>(`${selectVisits} WHERE v.visitor_code_hash = ?`);
  const markEnded = db.prepare('UPDATE visits SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL');
  const inmateExists = db.prepare<[string], { id: string }>('SELECT id FROM inmates WHERE id = ?');
  const insertVisitor = db.prepare('INSERT INTO visitors (id, first_name, last_name) VALUES (?, ?, ?)');
  const insertVisit = db.prepare(
    `INSERT INTO visits (id, inmate_id, visitor_id, starts_at, ends_at, privileged, sign_language, visitor_code_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const create = db.transaction((visit: NewVisit) => {
    if (inmateExists.get(visit.inmateId) === undefined) return undefined;
    const visitorId = `visitor-${randomUUID()}`;
    const visitId = `visit-${randomUUID()}`;
    const visitorCode = newVisitorCode();
    insertVisitor.run(visitorId, visit.visitor.firstName, visit.visitor.lastName);
    insertVisit.run(
      visitId,
      visit.inmateId,
      visitorId,
      visit.startsAt,
      visit.endsAt,
      visit.privileged ? 1 : 0,
      visit.signLanguage ? 1 : 0,
      digest(visitorCode),
    );
    return { visitId, visitorCode };
  });

  const find = (visitId: string): Visit | undefined => toVisit(byId.get(visitId));

  return {
    visitsFromToday(inmateId) {
      const now = clock.now();
      const dayStart = new Date(now).setHours(0, 0, 0, 0);
      const dayEnd = new Date(dayStart).setDate(new Date(dayStart).getDate() + 1);
      const until = Math.max(dayEnd, now + 24 * 60 * 60 * 1000);
      return byInmate.all(inmateId, dayStart, until).map((row) => summarise(toVisit(row) as Visit, now));
    },
    find,
    findByVisitorCode: (code) => toVisit(byCode.get(digest(code))),
    end(visitId, reason) {
      const now = clock.now();
      const changed = markEnded.run(now, reason, visitId).changes > 0;
      const visit = find(visitId);
      if (visit === undefined) return undefined;
      return {
        endedAt: visit.endedAt ?? now,
        reason: visit.endReason ?? reason,
        changed,
      };
    },
    create,
  };
}

function toVisit(row: VisitRow | undefined): Visit | undefined {
  if (row === undefined) return undefined;
  return {
    id: row.id,
    inmateId: row.inmate_id,
    inmateName: displayName(row.inmate_first, row.inmate_last),
    visitorName: displayName(row.visitor_first, row.visitor_last),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    privileged: row.privileged === 1,
    signLanguage: row.sign_language === 1,
    endedAt: row.ended_at ?? undefined,
    endReason: row.end_reason ?? undefined,
  };
}

function summarise(visit: Visit, now: number): VisitSummary {
  return {
    visitId: visit.id,
    startsAt: new Date(visit.startsAt).toISOString(),
    endsAt: new Date(visit.endsAt).toISOString(),
    opensAt: new Date(visit.startsAt - visitOpensBeforeStartMs).toISOString(),
    visitorName: visit.visitorName,
    privileged: visit.privileged,
    status: visitStatus(visit, now),
  };
}
