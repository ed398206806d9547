import { useId, useState } from 'react';
import type { ConsoleHousingUnit } from '../../../src/shared/protocol/console';
import { updateChannelSchema, type UpdateChannel } from '../../../src/shared/protocol/updates';
import type { Strings } from './i18n';

/** A housing unit's update channel: shown to everyone, changed (after a confirmation) by whom the server allows. */
export function UpdateChannelControl({
  t,
  unit,
  mayChange,
  result,
  onChange,
}: {
  t: Strings;
  unit: ConsoleHousingUnit;
  mayChange: boolean;
  result: string | undefined;
  onChange(channel: UpdateChannel): void;
}) {
  const id = useId();
  const other = updateChannelSchema.options.find((channel) => channel !== unit.updateChannel) ?? 'stable';
  const [chosen, setChosen] = useState<UpdateChannel>(other);
  const say = t.updateChannel;
  return (
    <div role="group" aria-label={say.label(unit.name)} className="actions">
      <p>
        {say.current}: <strong>{say.name[unit.updateChannel]}</strong>
      </p>
      {mayChange ? (
        <span className="with-input">
          <label htmlFor={`${id}-channel`}>{say.current}</label>
          <select
            id={`${id}-channel`}
            value={chosen}
            onChange={(event) => setChosen(updateChannelSchema.parse(event.target.value))}
          >
            {updateChannelSchema.options.map((channel) => (
              <option key={channel} value={channel}>
                {say.name[channel]}
              </option>
            ))}
          </select>
          <button type="button" disabled={chosen === unit.updateChannel} onClick={() => onChange(chosen)}>
            {say.change}
          </button>
        </span>
      ) : (
        <p className="note">{say.notPermitted}</p>
      )}
      <p role="status" className="result">
        {result}
      </p>
    </div>
  );
}
