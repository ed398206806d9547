import { randomBytes, scrypt } from 'node:crypto';
import { offlineCodeUsedAction, type OfflineCodeVerifier, type StaffMember } from '../../src/shared/protocol/staff';
import type { StoredRecord } from '../domain/outbox-ingest';
import type { Clock } from '../clock';
import type { PinHashCost } from '../credentials/pin-hash';
import type { Db } from '../store/database';

/**
 * The kiosk checks a typed code against every verifier of its unit, so the hash is slower than a
 * token's digest yet far cheaper than a PIN's: a code has 100 bits, and no offline search of a
 * stolen disk gets near that whatever the cost.
 */
export const offlineCodeHashCost: PinHashCost = { N: 2 ** 15, r: 8, p: 1 };
export const defaultOfflineCodeLifetimeMs = 30 * 24 * 60 * 60_000;
/** What `staff.offlineCodes` can carry at most. */
export const maxOfflineCodesPerUnit = 200;

const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 20 base32 letters from 20 random bytes (256 is a multiple of 32, so each letter is equally likely): 100 bits. */
export function newOfflineCode(): string {
  const letters = [...randomBytes(20)].map((byte) => base32[byte % 32]).join('');
  return (letters.match(/.{5}/g) ?? []).join('-');
}

/** `scrypt(code, salt, 32, {N, r, p})` over the code exactly as `offlineCodeSchema` writes it. */
export function deriveOfflineCodeHash(code: string, salt: Buffer, cost: PinHashCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code, salt, 32, { ...cost, maxmem: 128 * cost.N * cost.r + 1024 * 1024 }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}

export interface IssuedOfflineCode {
  codeId: string;
  /** Shown once to the officer; the server keeps only the verifier. */
  code: string;
  housingUnitId: string;
  expiresAt: number;
}

export interface OfflineCodeState {
  codeId: string;
  housingUnitId: string;
  staffId: string;
  issuedAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedAtKiosk: string | null;
  /** Used and not yet replaced: the console asks the officer to issue a new one. */
  replacementDue: boolean;
}

export interface OfflineCodes {
  /** Undefined when the housing unit is unknown, or already holds the most codes it can. */
  issue(
    housingUnitId: string,
    to: StaffMember,
    options?: { lifetimeMs?: number; replaces?: string },
  ): Promise<IssuedOfflineCode | undefined>;
  /** The unit's unused, unexpired codes as the kiosk keeps them. */
  verifiers(housingUnitId: string): OfflineCodeVerifier[];
  /** A kiosk used a code of its own unit; false when it was unknown, of another unit, or already used. */
  markUsed(codeId: string, kioskId: string): boolean;
  revoke(codeId: string): boolean;
  /** The unit's codes, used ones included, for the console; never the verifiers. */
  list(housingUnitId: string): OfflineCodeState[];
  /** Told of the unit whose codes changed (issued, used, revoked). */
  onChange(listener: (housingUnitId: string) => void): () => void;
}

interface CodeRow {
  id: string;
  housing_unit_id: string;
  staff_id: string;
  role: StaffMember['role'];
  verifier: string;
  issued_at: number;
  expires_at: number;
  used_at: number | null;
  used_at_kiosk: string | null;
  replaced_at: number | null;
}

interface StoredVerifier {
  salt: string;
  hash: string;
  n: number;
  r: number;
  p: number;
}

export function createOfflineCodes(db: Db, clock: Clock, cost: PinHashCost = offlineCodeHashCost): OfflineCodes {
  const unitExists = db.prepare<[string], { id: string }>('SELECT id FROM housing_units WHERE id = ?');
  const liveCount = db.prepare<[string, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM offline_codes WHERE housing_unit_id = ? AND used_at IS NULL AND expires_at > ?',
  );
  const insert = db.prepare(
    `INSERT INTO offline_codes (id, housing_unit_id, staff_id, verifier, issued_at, expires_at)
     VALUES (@id, @housingUnitId, @staffId, @verifier, @now, @expiresAt)`,
  );
  const markReplaced = db.prepare(
    'UPDATE offline_codes SET replaced_at = ? WHERE id = ? AND housing_unit_id = ? AND replaced_at IS NULL',
  );
  const live = db.prepare<[string, number, number], CodeRow>(
    `SELECT c.*, s.role FROM offline_codes c JOIN staff s ON s.id = c.staff_id
     WHERE c.housing_unit_id = ? AND c.used_at IS NULL AND c.expires_at > ? ORDER BY c.issued_at LIMIT ?`,
  );
  const use = db.prepare<[number, string, string, string], { housing_unit_id: string }>(
    `UPDATE offline_codes SET used_at = ?, used_at_kiosk = ?
     WHERE id = ? AND used_at IS NULL AND housing_unit_id = (SELECT housing_unit_id FROM kiosks WHERE id = ?)
     RETURNING housing_unit_id`,
  );
  const revoke = db.prepare<{ now: number; id: string }, { housing_unit_id: string }>(
    `UPDATE offline_codes SET expires_at = @now WHERE id = @id AND used_at IS NULL AND expires_at > @now
     RETURNING housing_unit_id`,
  );
  const all = db.prepare<{ unit: string; now: number }, CodeRow>(
    `SELECT c.*, s.role FROM offline_codes c JOIN staff s ON s.id = c.staff_id
     WHERE c.housing_unit_id = @unit AND ((c.used_at IS NULL AND c.expires_at > @now) OR (c.used_at IS NOT NULL AND c.replaced_at IS NULL))
     ORDER BY c.issued_at DESC LIMIT 500`,
  );
  const listeners = new Set<(housingUnitId: string) => void>();
  const changed = (housingUnitId: string): void => {
    for (const listener of listeners) listener(housingUnitId);
  };

  return {
    async issue(housingUnitId, to, options = {}) {
      if (unitExists.get(housingUnitId) === undefined) return undefined;
      const code = newOfflineCode();
      const salt = randomBytes(16);
      const hash = await deriveOfflineCodeHash(code, salt, cost);
      const verifier: StoredVerifier = {
        salt: salt.toString('base64url'),
        hash: hash.toString('base64url'),
        n: cost.N,
        r: cost.r,
        p: cost.p,
      };
      const codeId = randomBytes(12).toString('base64url');
      const now = clock.now();
      const expiresAt = now + (options.lifetimeMs ?? defaultOfflineCodeLifetimeMs);
      const stored = db.transaction(() => {
        if ((liveCount.get(housingUnitId, now)?.n ?? 0) >= maxOfflineCodesPerUnit) return false;
        insert.run({
          id: codeId,
          housingUnitId,
          staffId: to.staffId,
          verifier: JSON.stringify(verifier),
          now,
          expiresAt,
        });
        if (options.replaces !== undefined) markReplaced.run(now, options.replaces, housingUnitId);
        return true;
      })();
      if (!stored) return undefined;
      changed(housingUnitId);
      return { codeId, code, housingUnitId, expiresAt };
    },
    verifiers(housingUnitId) {
      return live.all(housingUnitId, clock.now(), maxOfflineCodesPerUnit).map((row) => {
        const verifier = JSON.parse(row.verifier) as StoredVerifier;
        return {
          codeId: row.id,
          staffId: row.staff_id,
          role: row.role,
          ...verifier,
          expiresAt: new Date(row.expires_at).toISOString(),
        };
      });
    },
    markUsed(codeId, kioskId) {
      const used = use.get(clock.now(), kioskId, codeId, kioskId);
      if (used === undefined) return false;
      changed(used.housing_unit_id);
      return true;
    },
    revoke(codeId) {
      const revoked = revoke.get({ now: clock.now(), id: codeId });
      if (revoked === undefined) return false;
      changed(revoked.housing_unit_id);
      return true;
    },
    list(housingUnitId) {
      return all.all({ unit: housingUnitId, now: clock.now() }).map((row) => ({
        codeId: row.id,
        housingUnitId: row.housing_unit_id,
        staffId: row.staff_id,
        issuedAt: row.issued_at,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
        usedAtKiosk: row.used_at_kiosk,
        replacementDue: row.used_at !== null && row.replaced_at === null,
      }));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A kiosk's `staff.offline_code_used` audit record (detail `codeId`) marks the code used. */
export function markOfflineCodeUse(codes: OfflineCodes, record: StoredRecord): void {
  if (record.type !== 'audit.event' || record.payload.action !== offlineCodeUsedAction) return;
  const codeId = record.payload.detail['codeId'];
  if (typeof codeId === 'string') codes.markUsed(codeId, record.kioskId);
}
