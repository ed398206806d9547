import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlacementStep as PlacementView } from '../../../shared/contract/setup';
import { PlacementForm } from '../../placement/PlacementForm';

/**
 * Setup's third step: the housing unit the kiosk belongs to, from the server's list, and the place
 * in it where it stands, typed on the screen's keyboard. Main enrols the kiosk there.
 */
export function PlacementStep({
  technician,
  placement,
  onReload,
  onPlace,
}: {
  /** Null when the facility's enrolment code opened the setup. */
  technician: string | null;
  placement: PlacementView;
  onReload: () => void;
  onPlace: (housingUnitId: string, location: string) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const units = placement.status === 'ready' ? placement.housingUnits : [];
  const failure = placement.status === 'ready' ? placement.failure : null;
  // Main's enrolling state names the unit by ID only, and the list is gone while it enrols.
  const [placing, setPlacing] = useState('');

  return (
    <section className="setup-step" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('setup.placement.title')}</h2>
      <p className="lead">
        {technician === null ? t('setup.placement.leadCode') : t('setup.placement.lead', { name: technician })}
      </p>
      <PlacementForm
        units={units}
        busy={placement.status !== 'ready'}
        status={
          placement.status === 'loading'
            ? t('setup.placement.loading')
            : placement.status === 'enrolling'
              ? t('setup.placement.enrolling', { unit: placing })
              : failure === null
                ? ''
                : t(`setup.placement.failure.${failure}`)
        }
        submitLabel={t('setup.placement.place')}
        actions={
          failure !== null && failure !== 'unit_gone' ? (
            <button type="button" className="button secondary" onClick={onReload}>
              {t('setup.placement.reload')}
            </button>
          ) : null
        }
        onPlace={(housingUnitId, location) => {
          setPlacing(units.find((candidate) => candidate.id === housingUnitId)?.name ?? '');
          onPlace(housingUnitId, location);
        }}
      />
    </section>
  );
}
