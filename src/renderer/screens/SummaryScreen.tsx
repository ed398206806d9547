import { useTranslation } from 'react-i18next';
import type { CallEndReason, CallTime, Language, VisitSummary } from '../../shared/contract/kiosk';
import { formatDuration } from '../time/format';

/** After the call: how long the person was connected, and any time lost to drops, which is owed back. */
export function SummaryScreen({
  language,
  visit,
  reason,
  time,
  onDone,
}: {
  language: Language;
  visit: VisitSummary;
  reason: CallEndReason;
  time: CallTime;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen summary">
      <h1>{t('summary.title')}</h1>
      <p className="lead">{t('summary.with', { name: visit.visitorName })}</p>
      <p className="summary-reason">{t(`summary.reason.${reason}`, { name: visit.visitorName })}</p>
      <dl className="summary-times">
        <div>
          <dt>{t('summary.connected')}</dt>
          <dd>{formatDuration(time.connectedSeconds, language)}</dd>
        </div>
        {time.lostSeconds > 0 ? (
          <div>
            <dt>{t('summary.lost')}</dt>
            <dd>{formatDuration(time.lostSeconds, language)}</dd>
          </div>
        ) : null}
      </dl>
      {time.lostSeconds > 0 ? <p className="hint">{t('summary.lostNote')}</p> : null}
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          {t('summary.done')}
        </button>
      </div>
    </main>
  );
}
