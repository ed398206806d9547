import { RpcFailure } from '../../src/shared/protocol/rpc';
import { createRateLimiter, type RateLimit } from '../abuse/rate-limit';
import type { Clock } from '../clock';
import { decoyPinHash, hashPin, needsRehash, pinHashCost, verifyPin, type PinHashCost } from '../credentials/pin-hash';
import type { Logger } from '../log';
import type { Db } from '../store/database';
import { displayName } from './display-name';

/** Wrong PINs in a row for one inmate ID at one kiosk before the ID is locked there. */
export const maxSignInFailures = 5;
export const lockoutMs = 5 * 60_000;
/**
 * Wrong sign-ins one kiosk may make across all IDs: trying one PIN against many IDs runs into
 * this, and it bounds how many lockouts one kiosk can cause. Right PINs cost nothing.
 */
export const kioskSignInLimit: RateLimit = { burst: 10, refillMs: 60_000 };

export interface SignedInInmate {
  inmateId: string;
  displayName: string;
}

export interface SigningKiosk {
  kioskId: string;
  housingUnitId: string;
}

export interface SignIn {
  /**
   * Resolves with the inmate, or throws an `RpcFailure`: bad_credentials, locked_out,
   * too_many_attempts, wrong_housing_unit.
   */
  signIn(inmateId: string, pin: string, kiosk: SigningKiosk): Promise<SignedInInmate>;
}

export interface SignInOptions {
  /** Tests pass a lower one to keep hashing fast; the default is `pinHashCost`. */
  pinHashCost?: PinHashCost;
}

interface InmateRow {
  housing_unit_id: string;
  first_name: string;
  last_name: string;
  pin_hash: string;
}

/**
 * Checks an inmate's PIN with a lockout kept on the server, so it holds across kiosk restarts.
 * Failures count per kiosk and ID as typed, existing or not, and an unknown ID costs the same
 * scrypt work as a wrong PIN: neither timing nor lockouts tell which IDs exist. Someone failing on
 * purpose locks the ID at their own kiosk only, and the kiosk's throttle stops them spraying.
 * Every lockout and throttle is logged with the kiosk: the log is the audit.
 */
export function createSignIn(db: Db, clock: Clock, log: Logger, options: SignInOptions = {}): SignIn {
  const cost = options.pinHashCost ?? pinHashCost;
  const kioskThrottle = createRateLimiter(kioskSignInLimit, clock);
  // Made now rather than at the first unknown ID, which would otherwise take twice as long as a wrong PIN.
  decoyPinHash(cost).catch((error: unknown) => log.error({ err: error }, 'could not make the decoy PIN hash'));
  const findInmate = db.prepare<[string], InmateRow>(
    'SELECT housing_unit_id, first_name, last_name, pin_hash FROM inmates WHERE id = ?',
  );
  const updatePinHash = db.prepare('UPDATE inmates SET pin_hash = ? WHERE id = ? AND pin_hash = ?');
  const lockedUntil = db.prepare<[string, string], { locked_until: number | null }>(
    'SELECT locked_until FROM sign_in_failures WHERE kiosk_id = ? AND inmate_id = ?',
  );
  // Counting and locking in one statement keeps concurrent attempts from under-counting.
  const countFailure = db.prepare<{ kioskId: string; inmateId: string; now: number }>(
    `INSERT INTO sign_in_failures (kiosk_id, inmate_id, failures, locked_until) VALUES (@kioskId, @inmateId, 1, NULL)
     ON CONFLICT (kiosk_id, inmate_id) DO UPDATE SET
       failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failures + 1 END,
       locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN NULL ELSE locked_until END`,
  );
  const lockIfDue = db.prepare<
    { kioskId: string; inmateId: string; until: number; max: number },
    { locked_until: number }
  >(
    `UPDATE sign_in_failures SET locked_until = @until, failures = 0
     WHERE kiosk_id = @kioskId AND inmate_id = @inmateId AND failures >= @max RETURNING locked_until`,
  );
  const clearFailures = db.prepare('DELETE FROM sign_in_failures WHERE inmate_id = ?');

  function refuseIfLocked(kioskId: string, inmateId: string): void {
    const until = lockedUntil.get(kioskId, inmateId)?.locked_until ?? null;
    const now = clock.now();
    if (until !== null && until > now) {
      throw new RpcFailure('locked_out', 'too many wrong PINs; try again later', Math.ceil((until - now) / 1000));
    }
  }

  return {
    async signIn(inmateId, pin, { kioskId, housingUnitId }) {
      refuseIfLocked(kioskId, inmateId);
      const throttle = kioskThrottle.take(kioskId);
      if (!throttle.allowed) {
        log.warn({ kioskId, retryAfterSeconds: throttle.retryAfterSeconds }, 'sign-in throttled at this kiosk');
        throw new RpcFailure(
          'too_many_attempts',
          'too many wrong sign-ins at this kiosk; try again later',
          throttle.retryAfterSeconds,
        );
      }
      const inmate = findInmate.get(inmateId);
      const pinMatches = await verifyPin(pin, inmate?.pin_hash ?? (await decoyPinHash(cost)));
      // Attempts already in flight when the lock fell are refused even if their PIN was right.
      refuseIfLocked(kioskId, inmateId);
      if (inmate === undefined || !pinMatches) {
        countFailure.run({ kioskId, inmateId, now: clock.now() });
        const locked = lockIfDue.get({ kioskId, inmateId, until: clock.now() + lockoutMs, max: maxSignInFailures });
        if (locked !== undefined) {
          log.warn(
            { kioskId, inmateId, lockedUntil: new Date(locked.locked_until).toISOString() },
            'inmate ID locked at this kiosk',
          );
          throw new RpcFailure('locked_out', 'too many wrong PINs; try again later', Math.ceil(lockoutMs / 1000));
        }
        throw new RpcFailure('bad_credentials', 'unknown inmate ID or wrong PIN');
      }
      kioskThrottle.giveBack(kioskId);
      clearFailures.run(inmateId);
      if (needsRehash(inmate.pin_hash, cost)) {
        updatePinHash.run(await hashPin(pin, cost), inmateId, inmate.pin_hash);
        log.info({ inmateId }, 'PIN hash renewed with the current parameters');
      }
      if (inmate.housing_unit_id !== housingUnitId) {
        throw new RpcFailure('wrong_housing_unit', 'this kiosk serves another housing unit');
      }
      return { inmateId, displayName: displayName(inmate.first_name, inmate.last_name) };
    },
  };
}
