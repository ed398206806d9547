import { useTranslation } from 'react-i18next';
import type { SetupView } from '../../../shared/contract/setup';
import { ServerStep } from './ServerStep';
import { TechnicianSignInStep } from './TechnicianSignInStep';

/** The technician's first-boot setup: the step main says the kiosk is on. */
export function SetupScreen({
  view,
  onCheck,
  onRetry,
  onContinue,
  onSignIn,
}: {
  view: SetupView;
  onCheck: (address: string) => void;
  onRetry: () => void;
  onContinue: () => void;
  onSignIn: (staffNumber: string, pin: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen setup">
      <h1>{t('setup.title')}</h1>
      {view.step === 'server' ? (
        <ServerStep step={view.server} onCheck={onCheck} onRetry={onRetry} onContinue={onContinue} />
      ) : null}
      {view.step === 'technicianSignIn' ? (
        <TechnicianSignInStep serverUrl={view.serverUrl} signIn={view.signIn} onSignIn={onSignIn} />
      ) : null}
      {view.step === 'placement' ? (
        <section className="setup-step" aria-labelledby="setup-next">
          <h2 id="setup-next">{t('setup.next.title')}</h2>
          <p className="lead">{t('setup.next.signedIn', { name: view.technician })}</p>
          <p>{t('setup.next.lead')}</p>
        </section>
      ) : null}
    </main>
  );
}
