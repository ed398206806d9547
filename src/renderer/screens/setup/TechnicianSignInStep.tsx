import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TechnicianSignInFailure, TechnicianSignInStep as SignInView } from '../../../shared/contract/setup';
import type { Translate } from '../../i18n/i18n';
import { Keypad } from '../../keypad/Keypad';
import { KeyedFieldList } from '../../keypad/KeyedFieldList';
import { digitsUpTo, useKeyedFields } from '../../keypad/use-keyed-fields';
import { EnrolmentCodeForm } from './EnrolmentCodeForm';
import { formatCountdown } from '../../time/format';
import { useTimeLeft } from '../../time/use-time-left';

type Field = 'staffNumber' | 'pin';
const maxLength: Record<Field, number> = { staffNumber: 12, pin: 8 };

/**
 * Setup's second step: a technician's staff number and PIN on the keypad, checked by the server the
 * technician accepted, or, for sites that use them, the facility's enrolment code on the keyboard.
 * The PIN is held here only until it is sent, and emptied by a refusal.
 */
export function TechnicianSignInStep({
  serverUrl,
  signIn,
  onSignIn,
  onSignInWithCode,
}: {
  serverUrl: string;
  signIn: SignInView;
  onSignIn: (staffNumber: string, pin: string) => void;
  onSignInWithCode: (code: string) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [withCode, setWithCode] = useState(false);
  const busy = signIn.status === 'signingIn';
  const failure = signIn.status === 'idle' ? signIn.failure : null;
  return (
    <section className="setup-step" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('setup.technician.title')}</h2>
      <p className="lead">{t(withCode ? 'setup.technician.leadCode' : 'setup.technician.lead', { serverUrl })}</p>
      <div className="actions">
        <button type="button" className="button secondary" disabled={busy} onClick={() => setWithCode(!withCode)}>
          {t(withCode ? 'setup.technician.usePin' : 'setup.technician.useCode')}
        </button>
      </div>
      {withCode ? (
        <EnrolmentCodeForm
          busy={busy}
          message={
            busy ? t('setup.technician.busy') : failure === null ? '' : t(`setup.technician.failure.${failure.reason}`)
          }
          failure={failure}
          onSignIn={onSignInWithCode}
        />
      ) : (
        <StaffPinForm signIn={signIn} onSignIn={onSignIn} />
      )}
    </section>
  );
}

function StaffPinForm({
  signIn,
  onSignIn,
}: {
  signIn: SignInView;
  onSignIn: (staffNumber: string, pin: string) => void;
}) {
  const { t } = useTranslation();
  const busy = signIn.status === 'signingIn';
  const failure = signIn.status === 'idle' ? signIn.failure : null;
  const keyed = useKeyedFields<Field>({ staffNumber: '', pin: '' }, 'staffNumber', digitsUpTo(maxLength));
  const { values, setValues, active, setActive, edit, deleteKey, clearKey } = keyed;
  const [shownFailure, setShownFailure] = useState(failure);
  if (failure !== shownFailure) {
    setShownFailure(failure);
    setValues((current) => ({ ...current, pin: '' }));
    setActive('pin');
  }
  const waitFor = useTimeLeft(failure?.retryAt === null || failure === null ? 0 : Date.parse(failure.retryAt));
  const ready = !busy && waitFor === 0 && values.staffNumber.length >= 3 && values.pin.length >= 4;

  return (
    <form
      className="setup-layout"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onSignIn(values.staffNumber, values.pin);
      }}
    >
      <div className="sign-in-fields setup-fields">
        <KeyedFieldList
          fields={['staffNumber', 'pin'] as const}
          keyed={keyed}
          labelOf={(field) => t(`setup.technician.${field}`)}
          secret={['pin']}
          disabled={busy}
        />
        <p className="message" role="status" aria-live="polite">
          {busy ? t('setup.technician.busy') : failure === null ? '' : describeFailure(t, failure, waitFor)}
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={!ready}>
            {t('setup.technician.submit')}
          </button>
        </div>
      </div>
      <Keypad
        disabled={busy || waitFor > 0}
        onDigit={(digit) => edit(active, values[active] + digit)}
        onDelete={deleteKey}
        onClear={clearKey}
      />
    </form>
  );
}

function describeFailure(t: Translate, failure: TechnicianSignInFailure, waitFor: number): string {
  if (failure.retryAt === null) return t(`setup.technician.failure.${failure.reason}`);
  return waitFor > 0
    ? t('setup.technician.failure.wait', { countdown: formatCountdown(waitFor) })
    : t('setup.technician.failure.waitOver');
}
