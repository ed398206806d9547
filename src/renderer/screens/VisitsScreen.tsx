import { useTranslation } from 'react-i18next';
import type { Language, VisitNotice, VisitSummary } from '../../shared/contract/kiosk';
import { formatClockTime, formatCountdown, formatVisitStart } from '../time/format';
import { useNow } from '../time/use-now';

export function VisitsScreen({
  language,
  displayName,
  visits,
  notice,
  busy,
  onStart,
  onSignOut,
}: {
  language: Language;
  displayName: string;
  visits: VisitSummary[];
  notice: VisitNotice | null;
  busy: boolean;
  onStart: (visitId: string) => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <main className="screen visits">
      <header className="screen-header">
        <h1>{t('visits.title')}</h1>
        <p className="lead">{t('visits.hello', { name: displayName })}</p>
        <p className="message" role="status" aria-live="polite">
          {busy ? t('visits.busy') : notice === null ? '' : t(`visits.notice.${notice.reason}`)}
        </p>
      </header>
      {visits.length === 0 ? (
        <p className="empty">{t('visits.empty')}</p>
      ) : (
        <ul className="visit-list">
          {visits.map((visit) => {
            const opensIn = Date.parse(visit.opensAt) - now;
            const over = visit.status === 'over' || Date.parse(visit.endsAt) <= now;
            const open = !over && opensIn <= 0;
            const nameId = `visit-${visit.visitId}-name`;
            return (
              <li key={visit.visitId} className="visit">
                <div className="visit-who">
                  <span id={nameId} className="visit-name">
                    {visit.visitorName}
                  </span>
                  {visit.privileged ? <span className="badge">{t('visits.legal')}</span> : null}
                </div>
                <span className="visit-time">
                  <span>{formatVisitStart(visit.startsAt, language, now)}</span> –{' '}
                  <span>{formatClockTime(visit.endsAt, language)}</span>
                </span>
                <span className={`visit-status${open ? ' open' : ''}`}>
                  {over
                    ? t('visits.ended')
                    : open
                      ? t('visits.ready')
                      : t('visits.opensIn', { countdown: formatCountdown(opensIn) })}
                </span>
                <button
                  type="button"
                  className="button"
                  disabled={!open || busy}
                  aria-describedby={nameId}
                  onClick={() => onStart(visit.visitId)}
                >
                  {t('visits.start')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onSignOut}>
          {t('visits.signOut')}
        </button>
      </div>
    </main>
  );
}
