import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcFailure } from '../../src/shared/protocol/rpc';
import { verifyPin } from '../credentials/pin-hash';
import { demo } from '../demo/seed';
import { manualClock } from '../test-support/manual-clock';
import { seededDatabase, testPinHashCost } from '../test-support/fixtures';
import { createSignIn, kioskSignInLimit, lockoutMs, maxSignInFailures, type SignIn } from './sign-in';

const unit = { kioskId: 'kiosk-a', housingUnitId: demo.housingUnit.id };
const otherKiosk = { kioskId: 'kiosk-b', housingUnitId: demo.housingUnit.id };
const quiet = pino({ level: 'silent' });

async function refusal(attempt: Promise<unknown>): Promise<RpcFailure> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RpcFailure);
  return error as RpcFailure;
}

describe('inmate sign-in', () => {
  const clock = manualClock();
  let fixture: Awaited<ReturnType<typeof seededDatabase>>;
  let signIn: SignIn;

  beforeEach(async () => {
    fixture = await seededDatabase(clock);
    signIn = createSignIn(fixture.db, clock, quiet, { pinHashCost: testPinHashCost });
  });
  afterEach(() => fixture.dispose());

  it('signs in with the right PIN and shows first name and last initial', async () => {
    await expect(signIn.signIn(demo.inmate.id, demo.inmate.pin, unit)).resolves.toEqual({
      inmateId: demo.inmate.id,
      displayName: 'Marcus R.',
    });
  });

  it('refuses a wrong PIN and an unknown ID alike', async () => {
    expect((await refusal(signIn.signIn(demo.inmate.id, '0000', unit))).code).toBe('bad_credentials');
    expect((await refusal(signIn.signIn('999999', demo.inmate.pin, unit))).code).toBe('bad_credentials');
  });

  it('refuses an inmate of another housing unit after checking the PIN', async () => {
    expect((await refusal(signIn.signIn(demo.otherInmate.id, '0000', unit))).code).toBe('bad_credentials');
    expect((await refusal(signIn.signIn(demo.otherInmate.id, demo.otherInmate.pin, unit))).code).toBe(
      'wrong_housing_unit',
    );
  });

  it(`locks an ID after ${maxSignInFailures} wrong PINs, counts down, and lets it in when the time has passed`, async () => {
    for (let attempt = 1; attempt < maxSignInFailures; attempt++) {
      expect((await refusal(signIn.signIn(demo.inmate.id, '0000', unit))).code).toBe('bad_credentials');
    }
    const locked = await refusal(signIn.signIn(demo.inmate.id, '0000', unit));
    expect(locked.code).toBe('locked_out');
    expect(locked.retryAfterSeconds).toBe(lockoutMs / 1000);

    clock.advance(60_000);
    const stillLocked = await refusal(signIn.signIn(demo.inmate.id, demo.inmate.pin, unit));
    expect(stillLocked.code).toBe('locked_out');
    expect(stillLocked.retryAfterSeconds).toBe(lockoutMs / 1000 - 60);

    clock.advance(lockoutMs - 60_000);
    await expect(signIn.signIn(demo.inmate.id, demo.inmate.pin, unit)).resolves.toMatchObject({
      inmateId: demo.inmate.id,
    });
  });

  it('starts counting afresh after a lockout expires and after a success', async () => {
    for (let attempt = 0; attempt < maxSignInFailures; attempt++)
      await refusal(signIn.signIn(demo.inmate.id, '0000', unit));
    clock.advance(lockoutMs);
    expect((await refusal(signIn.signIn(demo.inmate.id, '0000', unit))).code).toBe('bad_credentials');
    await signIn.signIn(demo.inmate.id, demo.inmate.pin, unit);
    for (let attempt = 1; attempt < maxSignInFailures; attempt++) {
      expect((await refusal(signIn.signIn(demo.inmate.id, '0000', unit))).code).toBe('bad_credentials');
    }
  });

  it('locks unknown IDs too, so lockouts do not reveal which IDs exist', async () => {
    for (let attempt = 1; attempt < maxSignInFailures; attempt++) await refusal(signIn.signIn('555555', '1111', unit));
    expect((await refusal(signIn.signIn('555555', '1111', unit))).code).toBe('locked_out');
  });

  it('refuses an attempt in flight when the ID is locked at its kiosk meanwhile, even with the right PIN', async () => {
    const attempt = signIn.signIn(demo.inmate.id, demo.inmate.pin, unit);
    // The PIN is being hashed on the thread pool; the lock falls before it is compared.
    fixture.db
      .prepare('INSERT INTO sign_in_failures (kiosk_id, inmate_id, failures, locked_until) VALUES (?, ?, 0, ?)')
      .run(unit.kioskId, demo.inmate.id, clock.now() + lockoutMs);
    expect((await refusal(attempt)).code).toBe('locked_out');
  });

  it('locks an ID only at the kiosk where the wrong PINs were typed, so nobody can lock someone out everywhere', async () => {
    for (let attempt = 0; attempt < maxSignInFailures; attempt++)
      await refusal(signIn.signIn(demo.inmate.id, '0000', unit));
    expect((await refusal(signIn.signIn(demo.inmate.id, demo.inmate.pin, unit))).code).toBe('locked_out');
    await expect(signIn.signIn(demo.inmate.id, demo.inmate.pin, otherKiosk)).resolves.toMatchObject({
      inmateId: demo.inmate.id,
    });
  });

  it('throttles one kiosk trying a PIN across many IDs, says when to retry, and leaves other kiosks alone', async () => {
    for (let attempt = 0; attempt < kioskSignInLimit.burst; attempt++) {
      expect((await refusal(signIn.signIn(String(500000 + attempt), '2468', unit))).code).toBe('bad_credentials');
    }
    const throttled = await refusal(signIn.signIn('600000', '2468', unit));
    expect(throttled).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: kioskSignInLimit.refillMs / 1000 });
    // Refused before any PIN is checked: even the right one waits.
    expect((await refusal(signIn.signIn(demo.inmate.id, demo.inmate.pin, unit))).code).toBe('too_many_attempts');
    await expect(signIn.signIn(demo.inmate.id, demo.inmate.pin, otherKiosk)).resolves.toMatchObject({
      inmateId: demo.inmate.id,
    });
    clock.advance(kioskSignInLimit.refillMs);
    await expect(signIn.signIn(demo.inmate.id, demo.inmate.pin, unit)).resolves.toMatchObject({
      inmateId: demo.inmate.id,
    });
  });

  it('never throttles right PINs', async () => {
    for (let attempt = 0; attempt < kioskSignInLimit.burst * 2; attempt++) {
      await signIn.signIn(demo.inmate.id, demo.inmate.pin, unit);
    }
    expect((await refusal(signIn.signIn(demo.inmate.id, '0000', unit))).code).toBe('bad_credentials');
  });

  it('hashes a PIN again with the current parameters at its next right sign-in, and only then', async () => {
    const stored = (): string =>
      (fixture.db.prepare('SELECT pin_hash FROM inmates WHERE id = ?').get(demo.inmate.id) as { pin_hash: string })
        .pin_hash;
    const before = stored();
    const stronger = createSignIn(fixture.db, clock, quiet, { pinHashCost: { ...testPinHashCost, N: 2 ** 11 } });
    await refusal(stronger.signIn(demo.inmate.id, '0000', unit));
    expect(stored()).toBe(before);
    await stronger.signIn(demo.inmate.id, demo.inmate.pin, unit);
    expect(stored()).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(await verifyPin(demo.inmate.pin, stored())).toBe(true);
    await expect(stronger.signIn(demo.inmate.id, demo.inmate.pin, unit)).resolves.toMatchObject({
      inmateId: demo.inmate.id,
    });
  });
});
