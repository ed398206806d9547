import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlacementStep as PlacementView } from '../../../shared/contract/setup';
import { kioskLocationSchema } from '../../../shared/protocol/setup';
import { TextKeyboard } from '../../keypad/TextKeyboard';

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
  const [unit, setUnit] = useState<string | null>(null);
  const [location, setLocation] = useState('');
  const units = placement.status === 'ready' ? placement.housingUnits : [];
  const chosen = units.find((candidate) => candidate.id === unit);
  const validLocation = kioskLocationSchema.safeParse(location).success;
  const busy = placement.status !== 'ready';
  const ready = !busy && chosen !== undefined && validLocation;
  const failure = placement.status === 'ready' ? placement.failure : null;

  return (
    <section className="setup-step" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('setup.placement.title')}</h2>
      <p className="lead">
        {technician === null ? t('setup.placement.leadCode') : t('setup.placement.lead', { name: technician })}
      </p>
      <form
        className="setup-layout"
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) onPlace(chosen.id, location.trim());
        }}
      >
        <div className="setup-fields">
          {placement.status === 'loading' ? <p role="status">{t('setup.placement.loading')}</p> : null}
          {units.length > 0 ? (
            <fieldset className="reason-choice">
              <legend>{t('setup.placement.units')}</legend>
              {units.map((candidate) => (
                <label key={candidate.id}>
                  <input
                    type="radio"
                    name={`${ids}-unit`}
                    checked={unit === candidate.id}
                    disabled={busy}
                    onChange={() => setUnit(candidate.id)}
                  />
                  {candidate.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <label className="field active">
            <span>{t('setup.placement.location')}</span>
            <input
              type="text"
              inputMode="none"
              autoComplete="off"
              value={location}
              placeholder={t('setup.placement.locationHint')}
              aria-describedby={`${ids}-location-rule`}
              disabled={busy}
              onChange={(event) => setLocation(event.target.value.slice(0, 60))}
            />
          </label>
          <p id={`${ids}-location-rule`} className="hint">
            {location === '' || validLocation ? '' : t('setup.placement.invalidLocation')}
          </p>
          <p className="message" role="status" aria-live="polite">
            {placement.status === 'enrolling'
              ? t('setup.placement.enrolling', {
                  unit: units.find((candidate) => candidate.id === placement.housingUnitId)?.name ?? chosen?.name ?? '',
                })
              : failure === null
                ? ''
                : t(`setup.placement.failure.${failure}`)}
          </p>
          <div className="actions">
            <button type="submit" className="button" disabled={!ready}>
              {t('setup.placement.place')}
            </button>
            {failure !== null && failure !== 'unit_gone' ? (
              <button type="button" className="button secondary" onClick={onReload}>
                {t('setup.placement.reload')}
              </button>
            ) : null}
          </div>
        </div>
        <TextKeyboard
          layout="location"
          label={t('setup.placement.keyboard')}
          disabled={busy}
          onText={(text) => setLocation((current) => (current + text).slice(0, 60))}
          onDelete={() => setLocation((current) => current.slice(0, -1))}
          onClear={() => setLocation('')}
        />
      </form>
    </section>
  );
}
