import { useTranslation } from 'react-i18next';
import type { DeviceSelection } from '../../../shared/contract/devices';
import type { SetupView } from '../../../shared/contract/setup';
import type { MediaCheckMeasurement } from '../../../shared/contract/media-check';
import type { LocalMedia } from '../../call/use-local-media';
import { CheckResults } from './CheckResults';
import { CheckStep } from './CheckStep';
import { DevicesStep } from './DevicesStep';
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
  localMedia,
  onReportCheck,
  onRetryCheck,
  onChooseDevices,
}: {
  view: SetupView;
  onCheck: (address: string) => void;
  onRetry: () => void;
  onContinue: () => void;
  onSignIn: (staffNumber: string, pin: string) => void;
  onSignInWithCode: (code: string) => void;
  onReloadUnits: () => void;
  onPlace: (housingUnitId: string, location: string) => void;
  /** The camera and microphone, open while the check step is on screen. */
  localMedia: LocalMedia | null;
  onReportCheck: (measurement: MediaCheckMeasurement) => void;
  onRetryCheck: () => void;
  onChooseDevices: (selection: DeviceSelection) => void;
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
      {view.step === 'devices' ? (
        <DevicesStep
          technician={view.technician}
          housingUnit={view.housingUnit}
          location={view.location}
          chooser={view.chooser}
          onChoose={onChooseDevices}
        />
      ) : null}
      {view.step === 'check' ? (
        <CheckStep
          housingUnit={view.housingUnit}
          location={view.location}
          check={view.check}
          localMedia={localMedia}
          onReport={onReportCheck}
          onRetry={onRetryCheck}
        />
      ) : null}
      {view.step === 'done' ? (
        <section className="setup-step" aria-labelledby="setup-done">
          <h2 id="setup-done">{t('setup.done.title')}</h2>
          <p className="lead" role="status">
            {t('setup.done.lead', { unit: view.housingUnit, location: view.location })}
          </p>
          <CheckResults result={view.check} />
        </section>
      ) : null}
    </main>
  );
}
