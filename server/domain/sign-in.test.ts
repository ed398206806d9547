import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcFailure } from '../../src/shared/protocol/rpc';
import { demo } from '../demo/seed';
import { manualClock } from '../test-support/manual-clock';
import { seededDatabase } from '../test-support/fixtures';
import { createSignIn, lockoutMs, maxSignInFailures, type SignIn } from './sign-in';

const unit = demo.housingUnit.id;

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
    signIn = createSignIn(fixture.db, clock);
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

  it('refuses an attempt in flight when another kiosk locks the ID meanwhile, even with the right PIN', async () => {
    const attempt = signIn.signIn(demo.inmate.id, demo.inmate.pin, unit);
    // The PIN is being hashed on the thread pool; the lock falls before it is compared.
    fixture.db
      .prepare('INSERT INTO sign_in_failures (inmate_id, failures, locked_until) VALUES (?, 0, ?)')
      .run(demo.inmate.id, clock.now() + lockoutMs);
    expect((await refusal(attempt)).code).toBe('locked_out');
  });
});
