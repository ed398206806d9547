import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffOverlay, StaffSignInFailure } from '../../shared/contract/kiosk';
import type { Translate } from '../i18n/i18n';
import { Keypad } from '../keypad/Keypad';
import { LetterKeys } from '../keypad/LetterKeys';
import { KeyedFieldList } from '../keypad/KeyedFieldList';
import { useKeyedFields } from '../keypad/use-keyed-fields';
import { formatCountdown } from '../time/format';
import { useTimeLeft } from '../time/use-time-left';

type SignInView = Extract<NonNullable<StaffOverlay>, { stage: 'signIn' }>;
type Field = 'staffNumber' | 'pin' | 'code';
const maxLength: Record<Field, number> = { staffNumber: 12, pin: 8, code: 23 };

/**
 * Staff sign-in over the screen: staff number and PIN on the keypad, checked by the server; when the
 * server cannot be reached, an offline code on the letter keys instead. The PIN is held here only
 * until it is sent.
 */
export function StaffSignIn({
  view,
  onSignIn,
  onOfflineCode,
  onCancel,
}: {
  view: SignInView;
  onSignIn: (staffNumber: string, pin: string) => void;
  onOfflineCode: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const { busy, failure, offline } = view;
  const keyed = useKeyedFields<Field>(
    { staffNumber: view.staffNumber ?? '', pin: '', code: '' },
    firstField(view),
    (field, next) =>
      (field === 'code' ? next.toUpperCase().replace(/[^A-Z2-7-]/g, '') : next.replace(/\D/g, '')).slice(
        0,
        maxLength[field],
      ),
  );
  const { values, setValues, active, setActive, edit, deleteKey, clearKey } = keyed;
  const [shown, setShown] = useState({ failure, offline, staffNumber: view.staffNumber });
  // A refusal empties the secret so the next try starts from nothing; a badge fills in its number.
  if (failure !== shown.failure || offline !== shown.offline || view.staffNumber !== shown.staffNumber) {
    setShown({ failure, offline, staffNumber: view.staffNumber });
    setValues((current) => ({ staffNumber: view.staffNumber ?? current.staffNumber, pin: '', code: '' }));
    setActive(firstField(view));
  }
  const lockedFor = useTimeLeft(
    failure?.reason === 'locked_out' && failure.retryAt !== null ? Date.parse(failure.retryAt) : 0,
  );
  const fields: Field[] = offline ? ['code'] : ['staffNumber', 'pin'];
  const ready =
    !busy &&
    lockedFor === 0 &&
    (offline ? values.code.replace(/-/g, '').length === 20 : values.staffNumber.length >= 3 && values.pin.length >= 4);

  const type = (key: string): void => {
    const current = values[active];
    // Offline codes are shown in groups of five, as printed.
    const grouped =
      active === 'code' && current.replace(/-/g, '').length % 5 === 0 && current !== '' ? `${current}-` : current;
    edit(active, grouped + key);
  };

  return (
    <div className="dialog-backdrop staff-overlay">
      <section className="dialog staff-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('officer.signInTitle')}</h2>
        <form
          className="sign-in-layout"
          onSubmit={(event) => {
            event.preventDefault();
            if (!ready) return;
            if (offline) onOfflineCode(values.code);
            else onSignIn(values.staffNumber, values.pin);
          }}
        >
          <div className="sign-in-fields">
            {offline ? <p>{t('officer.offlineLead')}</p> : null}
            <KeyedFieldList
              fields={fields}
              keyed={keyed}
              labelOf={(field) => t(`officer.${field === 'code' ? 'offlineCode' : field}`)}
              secret={['pin']}
              disabled={busy}
            />
            <p className="message" role="status" aria-live="polite">
              {busy ? t('officer.busy') : failure === null ? '' : describeFailure(t, failure, lockedFor)}
            </p>
            <div className="actions">
              <button type="button" className="button secondary" onClick={onCancel}>
                {t('officer.cancel')}
              </button>
              <button type="submit" className="button" disabled={!ready}>
                {t('officer.submit')}
              </button>
            </div>
          </div>
          <div className="staff-keys">
            {offline ? <LetterKeys disabled={busy} onKey={type} /> : null}
            <Keypad disabled={busy || lockedFor > 0} onDigit={type} onDelete={deleteKey} onClear={clearKey} />
          </div>
        </form>
      </section>
    </div>
  );
}

/** Where typing starts: the code when offline, else the number unless a badge filled it in. */
function firstField({ offline, staffNumber }: SignInView): Field {
  if (offline) return 'code';
  return staffNumber === null ? 'staffNumber' : 'pin';
}

function describeFailure(t: Translate, failure: StaffSignInFailure, lockedFor: number): string {
  if (failure.reason !== 'locked_out') return t(`officer.failure.${failure.reason}`);
  return lockedFor > 0
    ? t('officer.failure.locked_out', { countdown: formatCountdown(lockedFor) })
    : t('officer.failure.lockoutOver');
}
