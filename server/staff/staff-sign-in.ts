import { RpcFailure } from '../../src/shared/protocol/rpc';
import type { StaffMember, StaffSession } from '../../src/shared/protocol/staff';
import { createRateLimiter, type RateLimit } from '../abuse/rate-limit';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { decoyPinHash, hashPin, needsRehash, pinHashCost, verifyPin, type PinHashCost } from '../credentials/pin-hash';
import { kioskSignInLimit } from '../domain/sign-in';
import type { Logger } from '../log';
import type { Db } from '../store/database';
import { toStaffMember, type StaffAccounts, type StaffRow } from './staff-accounts';
import type { StaffSessions } from './staff-sessions';

/** Wrong PINs in a row for one staff number before it is locked. */
export const maxStaffSignInFailures = 5;
/** The first lockout's length; each further one in a row doubles it, up to `maxStaffLockoutMs`. */
export const staffLockoutMs = 60_000;
export const maxStaffLockoutMs = 60 * 60_000;
/** Wrong staff sign-ins one client address may make at the console, across all staff numbers. */
export const consoleSignInLimit: RateLimit = { burst: 10, refillMs: 60_000 };

/** Where someone signs in: at a kiosk (the control channel) or at the console (a browser's address). */
export type SignInPlace =
  | { where: 'kiosk'; kioskId: string; housingUnitId: string }
  | { where: 'console'; address: string }
  /** A kiosk being set up, not yet enrolled: known only by the address it calls from. */
  | { where: 'setup'; address: string };

export interface StaffSignIn {
  /**
   * A staff session, or throws an `RpcFailure`: bad_credentials, locked_out, too_many_attempts,
   * not_permitted (a technician at the console). Every outcome is audited.
   */
  signIn(staffNumber: string, pin: string, place: Exclude<SignInPlace, { where: 'setup' }>): Promise<StaffSession>;
  /**
   * The staff member whose number and PIN these are, with the same lockout, throttles and audit of
   * refusals as `signIn`, for a caller that opens its own kind of session (a kiosk's setup).
   */
  verify(staffNumber: string, pin: string, place: SignInPlace): Promise<StaffMember>;
}

export interface StaffSignInDeps {
  db: Db;
  accounts: StaffAccounts;
  sessions: StaffSessions;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  pinHashCost?: PinHashCost;
}

/**
 * Staff PINs with the same care as inmates': a lockout per staff number kept in the database, an
 * unknown number costing the same scrypt work as a wrong PIN, and throttles per kiosk and per
 * console address so that one PIN cannot be sprayed over many numbers. The lockout grows with each
 * one in a row: a staff number is worth more to an attacker than an inmate ID.
 */
export function createStaffSignIn(deps: StaffSignInDeps): StaffSignIn {
  const { db, clock, log, audit } = deps;
  const cost = deps.pinHashCost ?? pinHashCost;
  const kioskThrottle = createRateLimiter(kioskSignInLimit, clock);
  const consoleThrottle = createRateLimiter(consoleSignInLimit, clock);
  decoyPinHash(cost).catch((error: unknown) => log.error({ err: error }, 'could not make the decoy PIN hash'));
  const lockedUntil = db.prepare<[string], { locked_until: number | null }>(
    'SELECT locked_until FROM staff_sign_in_failures WHERE staff_number = ?',
  );
  const countFailure = db.prepare<{ staffNumber: string; now: number }>(
    `INSERT INTO staff_sign_in_failures (staff_number, failures, lockouts, locked_until) VALUES (@staffNumber, 1, 0, NULL)
     ON CONFLICT (staff_number) DO UPDATE SET
       failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failures + 1 END,
       locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN NULL ELSE locked_until END`,
  );
  const lockIfDue = db.prepare<
    { staffNumber: string; now: number; base: number; max: number; failures: number },
    { locked_until: number }
  >(
    `UPDATE staff_sign_in_failures
     SET locked_until = @now + MIN(@max, @base * (1 << MIN(lockouts, 16))), lockouts = lockouts + 1, failures = 0
     WHERE staff_number = @staffNumber AND failures >= @failures RETURNING locked_until`,
  );
  const clearFailures = db.prepare('DELETE FROM staff_sign_in_failures WHERE staff_number = ?');

  function auditPlace(place: SignInPlace) {
    if (place.where === 'kiosk') {
      return { place: 'kiosk' as const, kioskId: place.kioskId, housingUnitId: place.housingUnitId };
    }
    // A kiosk being set up has no identity yet: the server speaks for where it happened.
    return { place: place.where === 'console' ? ('console' as const) : ('server' as const) };
  }

  function refuse(
    staffNumber: string,
    staffId: string | null,
    place: SignInPlace,
    outcome: string,
    failure: RpcFailure,
  ): never {
    audit.record({ ...auditPlace(place), staffId, action: 'staff.sign_in', outcome, detail: { staffNumber } });
    throw failure;
  }

  function refuseIfLocked(staffNumber: string, staffId: string | null, place: SignInPlace): void {
    const until = lockedUntil.get(staffNumber)?.locked_until ?? null;
    const now = clock.now();
    if (until !== null && until > now) {
      refuse(
        staffNumber,
        staffId,
        place,
        'locked_out',
        new RpcFailure('locked_out', 'too many wrong PINs; try again later', Math.ceil((until - now) / 1000)),
      );
    }
  }

  async function verify(staffNumber: string, pin: string, place: SignInPlace): Promise<StaffRow> {
    const row = deps.accounts.byNumber(staffNumber);
    const staffId = row?.id ?? null;
    refuseIfLocked(staffNumber, staffId, place);
    const [throttle, throttleKey] =
      place.where === 'kiosk' ? [kioskThrottle, place.kioskId] : [consoleThrottle, place.address];
    const taken = throttle.take(throttleKey);
    if (!taken.allowed) {
      log.warn({ ...auditPlace(place), retryAfterSeconds: taken.retryAfterSeconds }, 'staff sign-in throttled');
      refuse(
        staffNumber,
        staffId,
        place,
        'too_many_attempts',
        new RpcFailure('too_many_attempts', 'too many wrong sign-ins here; try again later', taken.retryAfterSeconds),
      );
    }
    const pinMatches = await verifyPin(pin, row?.pin_hash ?? (await decoyPinHash(cost)));
    refuseIfLocked(staffNumber, staffId, place);
    if (row === undefined || !pinMatches) {
      countFailure.run({ staffNumber, now: clock.now() });
      const locked = lockIfDue.get({
        staffNumber,
        now: clock.now(),
        base: staffLockoutMs,
        max: maxStaffLockoutMs,
        failures: maxStaffSignInFailures,
      });
      if (locked !== undefined) {
        log.warn({ staffNumber, lockedUntil: new Date(locked.locked_until).toISOString() }, 'staff number locked');
        refuse(
          staffNumber,
          staffId,
          place,
          'locked_out',
          new RpcFailure(
            'locked_out',
            'too many wrong PINs; try again later',
            Math.ceil((locked.locked_until - clock.now()) / 1000),
          ),
        );
      }
      refuse(
        staffNumber,
        staffId,
        place,
        'bad_credentials',
        new RpcFailure('bad_credentials', 'unknown staff number or wrong PIN'),
      );
    }
    throttle.giveBack(throttleKey);
    clearFailures.run(staffNumber);
    if (needsRehash(row.pin_hash, cost)) {
      deps.accounts.replacePinHash(row.id, row.pin_hash, await hashPin(pin, cost));
      log.info({ staffId: row.id }, 'staff PIN hash renewed with the current parameters');
    }
    return row;
  }

  return {
    verify: async (staffNumber, pin, place) => toStaffMember(await verify(staffNumber, pin, place)),
    async signIn(staffNumber, pin, place) {
      const row = await verify(staffNumber, pin, place);
      if (place.where === 'console' && row.role !== 'officer') {
        refuse(
          staffNumber,
          row.id,
          place,
          'not_permitted',
          new RpcFailure('not_permitted', 'the officer console is for officers'),
        );
      }
      const session = deps.sessions.open(row.id, place.where, place.where === 'kiosk' ? place.kioskId : null);
      audit.record({ ...auditPlace(place), staffId: row.id, action: 'staff.sign_in', outcome: 'signed_in' });
      log.info({ staffId: row.id, where: place.where }, 'staff signed in');
      return {
        token: session.token,
        expiresAt: new Date(session.expiresAt).toISOString(),
        staff: toStaffMember(row),
      };
    },
  };
}
