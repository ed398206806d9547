import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TechnicianSignInFailure } from '../../../shared/contract/setup';
import { setupCodeSignInRequestSchema } from '../../../shared/protocol/setup';
import { TextKeyboard } from '../../keypad/TextKeyboard';
import { TouchField } from '../../keypad/TouchField';

const maxCodeLength = 64;

/**
 * The facility's enrolment code typed on the screen's keyboard, instead of a technician's staff
 * number and PIN. The code is held here only until it is sent, and emptied by a refusal.
 */
export function EnrolmentCodeForm({
  busy,
  message,
  failure,
  onSignIn,
}: {
  busy: boolean;
  message: string;
  failure: TechnicianSignInFailure | null;
  onSignIn: (code: string) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [shownFailure, setShownFailure] = useState(failure);
  if (failure !== shownFailure) {
    setShownFailure(failure);
    setCode('');
  }
  const edit = (next: string): void => setCode(next.replace(/\s/g, '').toUpperCase().slice(0, maxCodeLength));
  const ready = !busy && setupCodeSignInRequestSchema.safeParse({ code }).success;
  return (
    <form
      className="setup-layout"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onSignIn(code);
      }}
    >
      <div className="sign-in-fields setup-fields">
        <TouchField label={t('setup.technician.code')} value={code} onChange={edit} disabled={busy} />
        <p className="message" role="status" aria-live="polite">
          {message}
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={!ready}>
            {t('setup.technician.submit')}
          </button>
        </div>
      </div>
      <TextKeyboard
        layout="code"
        label={t('setup.technician.keyboard')}
        disabled={busy}
        onText={(text) => edit(code + text)}
        onDelete={() => edit(code.slice(0, -1))}
        onClear={() => edit('')}
      />
    </form>
  );
}
