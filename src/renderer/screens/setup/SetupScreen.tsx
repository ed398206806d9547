import { useTranslation } from 'react-i18next';
import type { SetupView } from '../../../shared/contract/setup';
import { PlacementStep } from './PlacementStep';
import { ProvisioningFileNotice } from './ProvisioningFileNotice';
import { ServerStep } from './ServerStep';
import { TechnicianSignInStep } from './TechnicianSignInStep';

/** The technician's first-boot setup: the step main says the kiosk is on. */
export function SetupScreen({
  view,
  onCheck,
  onRetry,
  onContinue,
  onSignIn,
  onSignInWithCode,
  onReloadUnits,
  onPlace,
}: {
  view: SetupView;
  onCheck: (address: string) => void;
  onRetry: () => void;
  onContinue: () => void;
  onSignIn: (staffNumber: string, pin: string) => void;
  onSignInWithCode: (code: string) => void;
  onReloadUnits: () => void;
  onPlace: (housingUnitId: string, location: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen setup">
      <h1>{t('setup.title')}</h1>
      {view.provisioningFile === null ? null : <ProvisioningFileNotice notice={view.provisioningFile} />}
      {view.step === 'server' ? (
        <ServerStep step={view.server} onCheck={onCheck} onRetry={onRetry} onContinue={onContinue} />
      ) : null}
      {view.step === 'technicianSignIn' ? (
        <TechnicianSignInStep
          serverUrl={view.serverUrl}
          signIn={view.signIn}
          onSignIn={onSignIn}
          onSignInWithCode={onSignInWithCode}
        />
      ) : null}
      {view.step === 'placement' ? (
        <PlacementStep
          technician={view.technician}
          placement={view.placement}
          onReload={onReloadUnits}
          onPlace={onPlace}
        />
      ) : null}
      {view.step === 'done' ? (
        <section className="setup-step" aria-labelledby="setup-done">
          <h2 id="setup-done">{t('setup.done.title')}</h2>
          <p className="lead" role="status">
            {t('setup.done.lead', { unit: view.housingUnit, location: view.location })}
          </p>
        </section>
      ) : null}
    </main>
  );
}
