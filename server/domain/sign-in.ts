import { RpcFailure } from '../../src/shared/protocol/rpc';
import type { Clock } from '../clock';
import { decoyPinHash, verifyPin } from '../credentials/pin-hash';
import type { Db } from '../store/database';
import { displayName } from './display-name';

/** Wrong PINs in a row (per inmate ID) before the ID is locked. */
export const maxSignInFailures = 5;
export const lockoutMs = 5 * 60_000;

export interface SignedInInmate {
  inmateId: string;
  displayName: string;
}

export interface SignIn {
  /** Resolves with the inmate, or throws an `RpcFailure`: bad_credentials, locked_out, wrong_housing_unit. */
  signIn(inmateId: string, pin: string, housingUnitId: string): Promise<SignedInInmate>;
}

interface InmateRow {
  housing_unit_id: string;
  first_name: string;
  last_name: string;
  pin_hash: string;
}

/**
 * Checks an inmate's PIN with a lockout kept on the server, so it holds across kiosks and kiosk
 * restarts. Failures count per ID as typed, existing or not, and an unknown ID costs the same
 * scrypt work as a wrong PIN: neither timing nor lockouts tell which IDs exist.
 */
export function createSignIn(db: Db, clock: Clock): SignIn {
  const findInmate = db.prepare<[string], InmateRow>(
    'SELECT housing_unit_id, first_name, last_name, pin_hash FROM inmates WHERE id = ?',
  );
  const lockedUntil = db.prepare<[string], { locked_until: number | null }>(
    'SELECT locked_until FROM sign_in_failures WHERE inmate_id = ?',
  );
  // Counting and locking in one statement keeps concurrent attempts from under-counting.
  const countFailure = db.prepare<{ inmateId: string; now: number }>(
    `INSERT INTO sign_in_failures (inmate_id, failures, locked_until) VALUES (@inmateId, 1, NULL)
     ON CONFLICT (inmate_id) DO UPDATE SET
       failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failures + 1 END,
       locked_until = CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN NULL ELSE locked_until END`,
  );
  const lockIfDue = db.prepare<{ inmateId: string; until: number; max: number }, { locked_until: number }>(
    `UPDATE sign_in_failures SET locked_until = @until, failures = 0
     WHERE inmate_id = @inmateId AND failures >= @max RETURNING locked_until`,
  );
  const clearFailures = db.prepare('DELETE FROM sign_in_failures WHERE inmate_id = ?');

  function refuseIfLocked(inmateId: string): void {
    const until = lockedUntil.get(inmateId)?.locked_until ?? null;
    const now = clock.now();
    if (until !== null && until > now) {
      throw new RpcFailure('locked_out', 'too many wrong PINs; try again later', Math.ceil((until - now) / 1000));
    }
  }

  return {
    async signIn(inmateId, pin, housingUnitId) {
      refuseIfLocked(inmateId);
      const inmate = findInmate.get(inmateId);
      const pinMatches = await verifyPin(pin, inmate?.pin_hash ?? (await decoyPinHash()));
      // Attempts already in flight when the lock fell are refused even if their PIN was right.
      refuseIfLocked(inmateId);
      if (inmate === undefined || !pinMatches) {
        countFailure.run({ inmateId, now: clock.now() });
        const locked = lockIfDue.get({ inmateId, until: clock.now() + lockoutMs, max: maxSignInFailures });
        if (locked !== undefined) {
          throw new RpcFailure('locked_out', 'too many wrong PINs; try again later', Math.ceil(lockoutMs / 1000));
        }
        throw new RpcFailure('bad_credentials', 'unknown inmate ID or wrong PIN');
      }
      clearFailures.run(inmateId);
      if (inmate.housing_unit_id !== housingUnitId) {
        throw new RpcFailure('wrong_housing_unit', 'this kiosk serves another housing unit');
      }
      return { inmateId, displayName: displayName(inmate.first_name, inmate.last_name) };
    },
  };
}
