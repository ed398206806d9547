import { randomBytes } from 'node:crypto';
import type { EnrolResponse } from '../../src/shared/protocol/http';
import type { KioskStatus } from '../../src/shared/protocol/kiosk-status';
import type { HousingUnit, SetupEnrolResponse } from '../../src/shared/protocol/setup';
import type { Clock } from '../clock';
import { digest, newEnrolmentCode, newToken } from '../credentials/tokens';
import type { Db } from '../store/database';

export interface KioskIdentity {
  kioskId: string;
  housingUnitId: string;
}

export interface KioskMove {
  from: { housingUnitId: string; location: string | null };
  to: { housingUnit: HousingUnit; location: string };
}

export interface NewEnrolmentCode {
  code: string;
  housingUnitId: string;
  usesRemaining: number;
  expiresAt: number;
}

export interface Kiosks {
  /** Undefined when the code is unknown, expired or used up. */
  enrol(code: string): EnrolResponse | undefined;
  /** A new kiosk for a housing unit, without a code: for tools that provision a fleet. Undefined when the unit is unknown. */
  register(housingUnitId: string): EnrolResponse | undefined;
  /** The facility's housing units, in name order. */
  housingUnits(): HousingUnit[];
  /**
   * Enrols a kiosk a technician set up in a unit at a location. The first request with a
   * `requestId` adds a kiosk; the same one again gives that kiosk a new token (the old one void),
   * the unit and location asked for now. Undefined when the unit is unknown (removed meanwhile).
   */
  enrolForSetup(requestId: string, housingUnitId: string, location: string): SetupEnrolResponse | undefined;
  /**
   * `enrolForSetup` for a session an enrolment code opened: a new kiosk uses one of the code's uses,
   * in the same transaction; a retry of the same request uses none. `code_used` when none is left.
   */
  enrolForSetupWithCode(
    requestId: string,
    housingUnitId: string,
    location: string,
    codeHash: string,
  ): SetupEnrolResponse | 'code_used' | undefined;
  /** The housing unit and expiry of a live enrolment code with a use left, by the code's hash; nothing is used. */
  liveCodeUnit(codeHash: string): { housingUnit: HousingUnit; expiresAt: number } | undefined;
  /** A fresh code for `uses` enrolments until `expiresAt`; undefined when there is no such housing unit. */
  createEnrolmentCode(housingUnitId: string, uses: number, expiresAt: number): NewEnrolmentCode | undefined;
  /** Undefined for an unknown token and for a decommissioned kiosk's. */
  authenticate(token: string): KioskIdentity | undefined;
  /**
   * Re-enrols an enrolled kiosk in another unit at another place, keeping its identity and token.
   * Undefined when the unit is unknown (removed meanwhile) or the kiosk is decommissioned.
   */
  move(kioskId: string, housingUnitId: string, location: string): KioskMove | undefined;
  /** Voids the kiosk's token for good: a decommissioned kiosk comes back only by a new setup. */
  decommission(kioskId: string): void;
  recordHeartbeat(kioskId: string, status: KioskStatus): void;
  /** The server's time of the kiosk's last heartbeat; undefined before its first. */
  lastSeenAt(kioskId: string): number | undefined;
}

interface CodeRow {
  housing_unit_id: string;
  unit_name: string;
  uses_remaining: number | null;
  expires_at: number | null;
}

export function createKiosks(db: Db, clock: Clock): Kiosks {
  const findCode = db.prepare<[string], CodeRow>(
    `SELECT c.housing_unit_id, u.name AS unit_name, c.uses_remaining, c.expires_at
     FROM enrolment_codes c JOIN housing_units u ON u.id = c.housing_unit_id WHERE c.code_hash = ?`,
  );
  const useCode = db.prepare(
    'UPDATE enrolment_codes SET uses_remaining = uses_remaining - 1 WHERE code_hash = ? AND uses_remaining > 0',
  );
  const insertKiosk = db.prepare(
    'INSERT INTO kiosks (id, housing_unit_id, token_hash, enrolled_at) VALUES (?, ?, ?, ?)',
  );
  const findKiosk = db.prepare<[string], { id: string; housing_unit_id: string }>(
    'SELECT id, housing_unit_id FROM kiosks WHERE token_hash = ? AND decommissioned_at IS NULL',
  );
  const findUnit = db.prepare<[string], { name: string }>('SELECT name FROM housing_units WHERE id = ?');
  const insertCode = db.prepare(
    `INSERT INTO enrolment_codes (code_hash, housing_unit_id, uses_remaining, expires_at)
     SELECT ?, id, ?, ? FROM housing_units WHERE id = ?`,
  );
  const markDecommissioned = db.prepare(
    'UPDATE kiosks SET decommissioned_at = ? WHERE id = ? AND decommissioned_at IS NULL',
  );
  const updateSeen = db.prepare('UPDATE kiosks SET last_seen_at = ?, last_status = ? WHERE id = ?');
  const findSeen = db.prepare<[string], { last_seen_at: number | null }>(
    'SELECT last_seen_at FROM kiosks WHERE id = ?',
  );

  const listUnits = db.prepare<[], HousingUnit>('SELECT id, name FROM housing_units ORDER BY name, id');
  const findSetupEnrolment = db.prepare<[string], { kiosk_id: string }>(
    'SELECT kiosk_id FROM setup_enrolments WHERE request_id = ?',
  );
  const insertSetupEnrolment = db.prepare('INSERT INTO setup_enrolments (request_id, kiosk_id) VALUES (?, ?)');
  const setLocation = db.prepare('UPDATE kiosks SET location = ? WHERE id = ?');
  const findPlacement = db.prepare<[string], { housing_unit_id: string; location: string | null }>(
    'SELECT housing_unit_id, location FROM kiosks WHERE id = ? AND decommissioned_at IS NULL',
  );
  const place = db.prepare('UPDATE kiosks SET housing_unit_id = ?, location = ? WHERE id = ?');
  const reEnrol = db.prepare('UPDATE kiosks SET housing_unit_id = ?, token_hash = ?, location = ? WHERE id = ?');

  const add = (housingUnit: { id: string; name: string }): EnrolResponse => {
    const kioskId = `kiosk-${randomBytes(5).toString('hex')}`;
    const token = newToken();
    insertKiosk.run(kioskId, housingUnit.id, digest(token), clock.now());
    return { kioskId, token, housingUnit };
  };

  const enrolForSetup = db.transaction(
    (requestId: string, housingUnitId: string, location: string): SetupEnrolResponse | undefined => {
      const unit = findUnit.get(housingUnitId);
      if (unit === undefined) return undefined;
      const housingUnit = { id: housingUnitId, name: unit.name };
      const earlier = findSetupEnrolment.get(requestId);
      if (earlier !== undefined) {
        const token = newToken();
        reEnrol.run(housingUnitId, digest(token), location, earlier.kiosk_id);
        return { kioskId: earlier.kiosk_id, token, housingUnit, location };
      }
      const enrolled = add(housingUnit);
      setLocation.run(location, enrolled.kioskId);
      insertSetupEnrolment.run(requestId, enrolled.kioskId);
      return { ...enrolled, location };
    },
  );

  const move = db.transaction((kioskId: string, housingUnitId: string, location: string): KioskMove | undefined => {
    const unit = findUnit.get(housingUnitId);
    const from = findPlacement.get(kioskId);
    if (unit === undefined || from === undefined) return undefined;
    place.run(housingUnitId, location, kioskId);
    return {
      from: { housingUnitId: from.housing_unit_id, location: from.location },
      to: { housingUnit: { id: housingUnitId, name: unit.name }, location },
    };
  });

  /** A code that may still enrol: every code expires; one stored without an expiry is refused rather than trusted for ever. */
  const liveCode = (codeHash: string): CodeRow | undefined => {
    const row = findCode.get(codeHash);
    if (row === undefined || row.expires_at === null || row.expires_at <= clock.now()) return undefined;
    return row.uses_remaining === null || row.uses_remaining > 0 ? row : undefined;
  };

  const enrol = db.transaction((code: string): EnrolResponse | undefined => {
    const codeHash = digest(code);
    const row = liveCode(codeHash);
    if (row === undefined) return undefined;
    if (row.uses_remaining !== null && useCode.run(codeHash).changes === 0) return undefined;
    return add({ id: row.housing_unit_id, name: row.unit_name });
  });

  const enrolForSetupWithCode = db.transaction(
    (requestId: string, housingUnitId: string, location: string, codeHash: string) => {
      if (findSetupEnrolment.get(requestId) === undefined) {
        const row = liveCode(codeHash);
        if (row === undefined) return 'code_used' as const;
        if (row.housing_unit_id !== housingUnitId) return undefined;
        if (row.uses_remaining !== null && useCode.run(codeHash).changes === 0) return 'code_used' as const;
      }
      return enrolForSetup(requestId, housingUnitId, location);
    },
  );

  return {
    enrol,
    housingUnits: () => listUnits.all(),
    enrolForSetup,
    enrolForSetupWithCode,
    move,
    liveCodeUnit(codeHash) {
      const row = liveCode(codeHash);
      if (row?.expires_at === null || row === undefined) return undefined;
      return { housingUnit: { id: row.housing_unit_id, name: row.unit_name }, expiresAt: row.expires_at };
    },
    register(housingUnitId) {
      const unit = findUnit.get(housingUnitId);
      return unit === undefined ? undefined : add({ id: housingUnitId, name: unit.name });
    },
    createEnrolmentCode(housingUnitId, uses, expiresAt) {
      const code = newEnrolmentCode();
      if (insertCode.run(digest(code), uses, expiresAt, housingUnitId).changes === 0) return undefined;
      return { code, housingUnitId, usesRemaining: uses, expiresAt };
    },
    authenticate(token) {
      const row = findKiosk.get(digest(token));
      return row === undefined ? undefined : { kioskId: row.id, housingUnitId: row.housing_unit_id };
    },
    decommission(kioskId) {
      markDecommissioned.run(clock.now(), kioskId);
    },
    recordHeartbeat(kioskId, status) {
      updateSeen.run(clock.now(), JSON.stringify(status), kioskId);
    },
    lastSeenAt: (kioskId) => findSeen.get(kioskId)?.last_seen_at ?? undefined,
  };
}
