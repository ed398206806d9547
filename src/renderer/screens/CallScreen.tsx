import { useEffect, useRef } from 'react';
import type { CallEndReason, VisitSummary } from '../../shared/contract/kiosk';
import { MediaView } from '../call/MediaView';
import { useCallSession } from '../call/use-call-session';
import { formatCountdown } from '../time/format';
import { useNow } from '../time/use-now';

export function CallScreen({
  visit,
  media,
  onEnded,
}: {
  visit: VisitSummary;
  media: { serverUrl: string; ticket: string };
  onEnded: (reason: CallEndReason) => void;
}) {
  const { state, session } = useCallSession({
    serverUrl: media.serverUrl,
    auth: { ticket: media.ticket },
    hangUpReason: 'hung_up_by_inmate',
  });
  const now = useNow();
  const endsAt = Date.parse(state.endsAt ?? visit.endsAt);

  const reported = useRef(false);
  useEffect(() => {
    if (reported.current || (state.phase !== 'ended' && state.phase !== 'failed')) return;
    reported.current = true;
    // A failed call returns to the visit list; the visit stays open on the server for another try.
    onEnded(state.phase === 'failed' ? 'failed' : (state.endReason ?? 'completed'));
  }, [state.phase, state.endReason, onEnded]);

  return (
    <main className="screen call">
      <div className="call-stage">
        <MediaView
          className="remote-video"
          stream={state.remoteStream}
          label={`Video of ${visit.visitorName}`}
          muted={false}
        />
        {state.phase === 'connected' ? null : (
          <p className="call-overlay" role="status">
            {state.phase === 'connecting'
              ? 'Connecting…'
              : state.phase === 'waiting'
                ? `Waiting for ${visit.visitorName} to join…`
                : state.phase === 'failed'
                  ? 'The call could not connect.'
                  : 'The visit has ended.'}
          </p>
        )}
        <MediaView className="self-video" stream={state.localStream} label="Your camera" muted />
      </div>
      <div className="call-bar">
        <span className="call-who">{visit.visitorName}</span>
        <span className="call-remaining" aria-label="Time remaining">
          {formatCountdown(endsAt - now)}
        </span>
        <button type="button" className="button danger" onClick={() => void session.hangUp()}>
          Hang up
        </button>
      </div>
    </main>
  );
}
