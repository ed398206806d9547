import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskLocationSchema, type HousingUnit } from '../../shared/protocol/setup';
import { TextKeyboard } from '../keypad/TextKeyboard';
import { TouchField } from '../keypad/TouchField';

/**
 * Where a kiosk goes: a housing unit from the server's list, and the place in it typed on the
 * screen's keyboard. First boot's placement and a technician's move both ask it this way.
 */
export function PlacementForm({
  units,
  busy,
  status,
  submitLabel,
  actions,
  onPlace,
}: {
  units: readonly HousingUnit[];
  busy: boolean;
  /** What main says of the placement: under way, or why it failed. */
  status: string;
  submitLabel: string;
  /** Buttons beside the submit one (reload, back). */
  actions?: ReactNode;
  onPlace: (housingUnitId: string, location: string) => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [unit, setUnit] = useState<string | null>(null);
  const [location, setLocation] = useState('');
  const chosen = units.find((candidate) => candidate.id === unit);
  const validLocation = kioskLocationSchema.safeParse(location).success;
  const ready = !busy && chosen !== undefined && validLocation;

  return (
    <form
      className="setup-layout"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) onPlace(chosen.id, location.trim());
      }}
    >
      <div className="setup-fields">
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
        <TouchField
          label={t('setup.placement.location')}
          value={location}
          placeholder={t('setup.placement.locationHint')}
          describedBy={`${ids}-location-rule`}
          disabled={busy}
          onChange={(next) => setLocation(next.slice(0, 60))}
        />
        <p id={`${ids}-location-rule`} className="hint">
          {location === '' || validLocation ? '' : t('setup.placement.invalidLocation')}
        </p>
        <p className="message" role="status" aria-live="polite">
          {status}
        </p>
        <div className="actions">
          <button type="submit" className="button" disabled={!ready}>
            {submitLabel}
          </button>
          {actions}
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
  );
}
