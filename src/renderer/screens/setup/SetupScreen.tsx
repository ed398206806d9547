import { useTranslation } from 'react-i18next';
import type { DeviceSelection } from '../../../shared/contract/devices';
import type { SetupView } from '../../../shared/contract/setup';
import { DevicesStep } from './DevicesStep';
import { PlacementStep } from './PlacementStep';
import { ServerStep } from './ServerStep';
import { TechnicianSignInStep } from './TechnicianSignInStep';

/** The technician's first-boot setup: the step main says the kiosk is on. */
export function SetupScreen({
  view,
  onCheck,
  onRetry,
  onContinue,
  onSignIn,
  onReloadUnits,
  onPlace,
  onChooseDevices,
}: {
  view: SetupView;
  onCheck: (address: string) => void;
  onRetry: () => void;
  onContinue: () => void;
  onSignIn: (staffNumber: string, pin: string) => void;
  onReloadUnits: () => void;
  onPlace: (housingUnitId: string, location: string) => void;
  onChooseDevices: (selection: DeviceSelection) => void;
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
        <PlacementStep
          technician={view.technician}
          placement={view.placement}
          onReload={onReloadUnits}
          onPlace={onPlace}
        />
      ) : null}
      {view.step === 'devices' ? (
        <DevicesStep
          technician={view.technician}
          housingUnit={view.housingUnit}
          location={view.location}
          chooser={view.chooser}
          onChoose={onChooseDevices}
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
