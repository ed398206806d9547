import { useTranslation } from 'react-i18next';
import type { OutOfServiceReason } from '../../shared/protocol/staff';

/** Staff locked the kiosk (count, lockdown): calm words, and nothing to touch. */
export function LockedScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen closed">
      <h1>{t('closed.locked')}</h1>
      <p className="lead">{t('closed.lockedLead')}</p>
    </main>
  );
}

export function OutOfServiceScreen({ reason }: { reason: OutOfServiceReason }) {
  const { t } = useTranslation();
  return (
    <main className="screen closed">
      <h1>{t('closed.outOfService')}</h1>
      <p className="lead">{t(`closed.reason.${reason}`)}</p>
      <p>{t('closed.outOfServiceLead')}</p>
    </main>
  );
}
