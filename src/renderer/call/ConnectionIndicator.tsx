import { useTranslation } from 'react-i18next';
import type { ConnectionQuality } from './call-quality';

const barsLit: Record<ConnectionQuality, number> = { good: 3, fair: 2, poor: 1 };

/** Signal bars and a word, so the quality reads at a glance and without reading. */
export function ConnectionIndicator({ quality }: { quality: ConnectionQuality }) {
  const { t } = useTranslation();
  return (
    <span className={`connection ${quality}`}>
      <span className="connection-bars" aria-hidden="true">
        {[1, 2, 3].map((bar) => (
          <span key={bar} className={bar <= barsLit[quality] ? 'lit' : undefined} />
        ))}
      </span>
      {t(`call.quality.${quality}`)}
    </span>
  );
}
