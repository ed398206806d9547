import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceChooser as ChooserView, DeviceSelection } from '../../../shared/contract/devices';
import { DeviceChooser } from '../../devices/DeviceChooser';

/**
 * Setup's fourth step: the kiosk is enrolled; the technician tries and picks its camera,
 * microphone, speaker and handset. Main stores them by identity and the network and media check follows.
 */
export function DevicesStep({
  technician,
  housingUnit,
  location,
  chooser,
  onChoose,
}: {
  /** Null when the facility's enrolment code opened the setup rather than a technician. */
  technician: string | null;
  housingUnit: string;
  location: string;
  chooser: ChooserView;
  onChoose: (selection: DeviceSelection) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="setup-step" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('setup.devices.title')}</h2>
      <p className="lead">
        {technician === null
          ? t('setup.devices.leadCode', { unit: housingUnit, location })
          : t('setup.devices.lead', { name: technician, unit: housingUnit, location })}
      </p>
      <DeviceChooser chooser={chooser} confirmLabel={t('setup.devices.confirm')} onChoose={onChoose} />
    </section>
  );
}
