import { useTranslation } from 'react-i18next';
import { LevelMeter } from '../ui/LevelMeter';

const step = 0.1;
const quietest = 0.1;

/** Two large buttons rather than a slider: a slider is hard to hit and to read on a touchscreen. */
export function VolumeControl({ volume, onChange }: { volume: number; onChange: (volume: number) => void }) {
  const { t } = useTranslation();
  // Whole tenths, so repeated steps land exactly on the ends.
  const change = (by: number): void => onChange(Math.round(Math.min(1, Math.max(quietest, volume + by)) * 10) / 10);
  return (
    <div className="volume" role="group" aria-label={t('call.volume')}>
      <button
        type="button"
        className="button secondary volume-button"
        onClick={() => change(-step)}
        disabled={volume <= quietest}
      >
        <span aria-hidden="true" className="volume-icon">
          −
        </span>
        {t('call.quieter')}
      </button>
      <LevelMeter label={t('call.volume')} level={volume} className="volume-level" />
      <button
        type="button"
        className="button secondary volume-button"
        onClick={() => change(step)}
        disabled={volume >= 1}
      >
        <span aria-hidden="true" className="volume-icon">
          +
        </span>
        {t('call.louder')}
      </button>
    </div>
  );
}
