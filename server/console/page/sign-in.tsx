import { useState, type FormEvent } from 'react';
import { consoleSignInPath } from '../../../src/shared/protocol/console';
import { httpErrorSchema } from '../../../src/shared/protocol/http';
import {
  staffNumberSchema,
  staffPinSchema,
  staffSessionSchema,
  type StaffSession,
} from '../../../src/shared/protocol/staff';
import type { Strings } from './i18n';

/** Staff sign-in with staff number and PIN, checked by the server with the kiosk's lockout. */
export function SignIn({
  t,
  notice,
  onSignedIn,
}: {
  t: Strings;
  notice?: string;
  onSignedIn(session: StaffSession): void;
}) {
  const [staffNumber, setStaffNumber] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!staffNumberSchema.safeParse(staffNumber).success || !staffPinSchema.safeParse(pin).success) {
      setError(t.signIn.invalid);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch(consoleSignInPath, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ staffNumber, pin }),
      });
      const body: unknown = await response.json();
      if (response.ok) {
        onSignedIn(staffSessionSchema.parse(body));
        return;
      }
      setPin('');
      const refusal = httpErrorSchema.safeParse(body);
      const code = refusal.success ? refusal.data.error.code : 'internal';
      const minutes = Math.max(
        1,
        Math.ceil((refusal.success ? (refusal.data.error.retryAfterSeconds ?? 60) : 60) / 60),
      );
      setError(
        code === 'locked_out'
          ? t.signIn.lockedOut(minutes)
          : code === 'too_many_requests'
            ? t.signIn.tooMany(minutes)
            : code === 'not_permitted'
              ? t.signIn.notPermitted
              : code === 'bad_credentials'
                ? t.signIn.badCredentials
                : t.signIn.unreachable,
      );
    } catch {
      setError(t.signIn.unreachable);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="sign-in-heading" className="sign-in">
      <h2 id="sign-in-heading">{t.signIn.heading}</h2>
      {notice === undefined ? null : <p role="status">{notice}</p>}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="staff-number">{t.signIn.staffNumber}</label>
        <input
          id="staff-number"
          inputMode="numeric"
          autoComplete="username"
          value={staffNumber}
          onChange={(event) => setStaffNumber(event.target.value.trim())}
        />
        <label htmlFor="staff-pin">{t.signIn.pin}</label>
        <input
          id="staff-pin"
          type="password"
          inputMode="numeric"
          autoComplete="current-password"
          value={pin}
          onChange={(event) => setPin(event.target.value.trim())}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.signIn.signingIn : t.signIn.submit}
        </button>
      </form>
      <p role="alert" className="error">
        {error}
      </p>
    </section>
  );
}
