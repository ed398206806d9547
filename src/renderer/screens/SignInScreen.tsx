import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInFailure } from '../../shared/contract/kiosk';
import type { Translate } from '../i18n/i18n';
import { Keypad } from '../keypad/Keypad';
import { KeyedFieldList } from '../keypad/KeyedFieldList';
import { digitsUpTo, useKeyedFields } from '../keypad/use-keyed-fields';
import { formatCountdown } from '../time/format';
import { useTimeLeft } from '../time/use-time-left';

type Field = 'inmateId' | 'pin';
const maxLength: Record<Field, number> = { inmateId: 12, pin: 8 };

export function SignInScreen({
  busy,
  failure,
  onSignIn,
  onCancel,
}: {
  busy: boolean;
  failure: SignInFailure | null;
  onSignIn: (inmateId: string, pin: string) => void;
  onCancel: () => void;
}) {
  const keyed = useKeyedFields<Field>({ inmateId: '', pin: '' }, 'inmateId', digitsUpTo(maxLength));
  const { values, setValues, active, setActive, edit, deleteKey, clearKey } = keyed;
  const [shownFailure, setShownFailure] = useState(failure);
  // A new refusal clears the PIN so the next attempt starts from nothing.
  if (failure !== shownFailure) {
    setShownFailure(failure);
    if (failure !== null) {
      setValues((current) => ({ ...current, pin: '' }));
      setActive('pin');
    }
  }
  const { t } = useTranslation();
  const lockedFor = useTimeLeft(
    failure?.reason === 'locked_out' && failure.retryAt !== null ? Date.parse(failure.retryAt) : 0,
  );
  const locked = lockedFor > 0;
  const ready = values.inmateId.length >= 4 && values.pin.length >= 4 && !busy && !locked;

  const type = (digit: string): void => {
    edit(active, values[active] + digit);
    if (active === 'inmateId' && values.inmateId.length + 1 === maxLength.inmateId) setActive('pin');
  };

  return (
    <main className="screen sign-in">
      <h1>{t('signIn.title')}</h1>
      <form
        className="sign-in-layout"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onSignIn(values.inmateId, values.pin);
        }}
      >
        <div className="sign-in-fields">
          <KeyedFieldList
            fields={['inmateId', 'pin'] as const}
            keyed={keyed}
            labelOf={(field) => t(field === 'inmateId' ? 'signIn.inmateId' : 'signIn.pin')}
            secret={['pin']}
            disabled={busy}
          />
          <p className={`message${locked ? ' locked' : ''}`} role="status" aria-live="polite">
            {busy ? t('signIn.busy') : failure === null ? '' : describeFailure(t, failure, lockedFor)}
          </p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={onCancel}>
              {t('signIn.back')}
            </button>
            <button type="submit" className="button" disabled={!ready}>
              {t('signIn.submit')}
            </button>
          </div>
        </div>
        <Keypad disabled={busy || locked} onDigit={type} onDelete={deleteKey} onClear={clearKey} />
      </form>
    </main>
  );
}

function describeFailure(t: Translate, failure: SignInFailure, lockedFor: number): string {
  switch (failure.reason) {
    case 'bad_credentials':
      return t('signIn.badCredentials');
    case 'locked_out':
      return lockedFor > 0 ? t('signIn.lockedOut', { countdown: formatCountdown(lockedFor) }) : t('signIn.lockoutOver');
    case 'wrong_housing_unit':
      return t('signIn.wrongHousingUnit');
    case 'server_unavailable':
      return t('signIn.serverUnavailable');
    case 'server_not_secure':
      return t('signIn.serverNotSecure');
  }
}
