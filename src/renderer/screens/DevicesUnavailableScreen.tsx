import { useTranslation } from 'react-i18next';

/**
 * The camera or microphone is missing or failed: said plainly instead of letting anyone start a
 * visit that cannot work. Main has told staff, and leaves this screen by itself once it works again.
 */
export function DevicesUnavailableScreen() {
  const { t } = useTranslation();
  return (
    <main className="screen unavailable">
      <div className="unavailable-message" role="alert">
        <h1>{t('devicesUnavailable.title')}</h1>
        <p className="lead">{t('devicesUnavailable.lead')}</p>
      </div>
    </main>
  );
}
