import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../time/format';
import { useTimeLeft } from '../time/use-time-left';
import { Dialog } from '../ui/Dialog';

/** Main is about to sign the person out for want of a touch; any touch, this button included, stops it. */
export function IdleWarningDialog({ signsOutAt, onStay }: { signsOutAt: string; onStay: () => void }) {
  const { t } = useTranslation();
  const left = useTimeLeft(Date.parse(signsOutAt));
  return (
    <Dialog
      title={t('idle.title')}
      actions={
        <button type="button" className="button" onClick={onStay} autoFocus>
          {t('idle.stay')}
        </button>
      }
    >
      <p>{t('idle.body', { countdown: formatCountdown(left) })}</p>
    </Dialog>
  );
}
