import type { VisitNotice, VisitSummary } from '../../shared/contract/kiosk';
import { formatCountdown, formatTime } from '../time/format';
import { useNow } from '../time/use-now';

export function VisitsScreen({
  displayName,
  visits,
  notice,
  busy,
  onStart,
  onSignOut,
}: {
  displayName: string;
  visits: VisitSummary[];
  notice: VisitNotice | null;
  busy: boolean;
  onStart: (visitId: string) => void;
  onSignOut: () => void;
}) {
  const now = useNow();
  return (
    <main className="screen visits">
      <header className="visits-header">
        <h1>Today&apos;s visits</h1>
        <p className="lead">Hello, {displayName}</p>
      </header>
      <p className="message" role="status" aria-live="polite">
        {busy ? 'Please wait…' : notice === null ? '' : describeNotice(notice)}
      </p>
      {visits.length === 0 ? (
        <p className="empty">You have no visits scheduled for today.</p>
      ) : (
        <ul className="visit-list">
          {visits.map((visit) => {
            const opensIn = Date.parse(visit.opensAt) - now;
            const over = visit.status === 'over' || Date.parse(visit.endsAt) <= now;
            const open = !over && opensIn <= 0;
            return (
              <li key={visit.visitId} className="visit">
                <div className="visit-who">
                  <span className="visit-name">{visit.visitorName}</span>
                  {visit.privileged ? <span className="badge">Legal visit</span> : null}
                </div>
                <span className="visit-time">
                  {formatTime(visit.startsAt)} – {formatTime(visit.endsAt)}
                </span>
                <span className="visit-status">
                  {over ? 'Ended' : open ? 'Ready to start' : `Opens in ${formatCountdown(opensIn)}`}
                </span>
                <button
                  type="button"
                  className="button"
                  disabled={!open || busy}
                  onClick={() => onStart(visit.visitId)}
                >
                  Start visit
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </main>
  );
}

function describeNotice(notice: VisitNotice): string {
  switch (notice.reason) {
    case 'visit_not_open':
      return 'This visit has not opened yet.';
    case 'visit_over':
      return 'This visit is over.';
    case 'visit_ended':
      return 'Your visit has ended.';
    case 'server_unavailable':
      return 'The visit could not start. Please try again or ask an officer.';
    case 'call_failed':
      return 'The call could not connect. Please try again or ask an officer.';
  }
}
