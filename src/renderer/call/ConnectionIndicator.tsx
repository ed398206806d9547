import { useTranslation } from 'react-i18next';
import type { ConnectionShown } from '../../shared/call/connection-grade';

const barsLit: Record<ConnectionShown, number> = { good: 3, fair: 2, poor: 1, reconnecting: 0 };

/**
 * Signal bars and a word, so the quality reads at a glance and without colour. A grade is a status
 * a screen reader announces as it changes; reconnecting is announced by the call's own status line.
 */
export function ConnectionIndicator({ shown }: { shown: ConnectionShown }) {
  const { t } = useTranslation();
  return (
    <span className={`connection ${shown}`} role={shown === 'reconnecting' ? undefined : 'status'}>
      <span className="connection-bars" aria-hidden="true">
        {[1, 2, 3].map((bar) => (
          <span key={bar} className={bar <= barsLit[shown] ? 'lit' : undefined} />
        ))}
      </span>
      {t(`call.quality.${shown}`)}
    </span>
  );
}
