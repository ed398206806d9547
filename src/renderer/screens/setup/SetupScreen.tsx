import { useTranslation } from 'react-i18next';
import type { SetupView } from '../../../shared/contract/setup';
import { ServerStep } from './ServerStep';

/** The technician's first-boot setup: the step main says the kiosk is on. */
export function SetupScreen({
  view,
  onCheck,
  onRetry,
  onContinue,
}: {
  view: SetupView;
  onCheck: (address: string) => void;
  onRetry: () => void;
  onContinue: () => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen setup">
      <h1>{t('setup.title')}</h1>
      {view.step === 'server' ? (
        <ServerStep step={view.server} onCheck={onCheck} onRetry={onRetry} onContinue={onContinue} />
      ) : (
        <section className="setup-step" aria-labelledby="setup-next">
          <h2 id="setup-next">{t('setup.next.title')}</h2>
          <p className="lead">{t('setup.next.saved', { serverUrl: view.serverUrl })}</p>
          <p>{t('setup.next.lead')}</p>
        </section>
      )}
    </main>
  );
}
