import { useTranslation } from 'react-i18next';

/** The idle face of the kiosk: the whole screen is one large target; the title lets touches through to it. */
export function AttractScreen({ onBegin }: { onBegin: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="screen attract">
      <button type="button" className="attract-target" onClick={onBegin}>
        <span className="attract-prompt">{t('attract.prompt')}</span>
      </button>
      <h1 className="attract-title">{t('attract.title')}</h1>
    </main>
  );
}
