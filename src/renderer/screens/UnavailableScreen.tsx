import { useTranslation } from 'react-i18next';

/** Shown when the renderer cannot reach main; the detail helps a technician, the rest an inmate. */
export function UnavailableScreen({ detail }: { detail: string }) {
  const { t } = useTranslation();
  return (
    <main className="screen unavailable" role="alert">
      <h1>{t('unavailable.title')}</h1>
      <p className="lead">{t('unavailable.lead')}</p>
      <p className="detail">{detail}</p>
    </main>
  );
}
