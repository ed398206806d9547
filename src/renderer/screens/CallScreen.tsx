import { useEffect, useMemo, useRef } from 'react';
import type { CallEndReason, VisitSummary } from '../../shared/contract/kiosk';
import { MediaView } from '../call/MediaView';
import { useVisitCall } from '../call/use-visit-call';
import type { CallState } from '../call/visit-call';
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
  const auth = useMemo(() => ({ ticket: media.ticket }), [media.ticket]);
  const call = useVisitCall(media.serverUrl, auth);
  const { state } = call;
  const now = useNow();
  const endsAt = Date.parse('endsAt' in state ? state.endsAt : visit.endsAt);

  const reported = useRef(false);
  useEffect(() => {
    const reason = endReasonOf(state);
    if (reason === undefined || reported.current) return;
    reported.current = true;
    onEnded(reason);
  }, [state, onEnded]);

  const overlay = describe(state, visit.visitorName);
  return (
    <main className="screen call">
      <div className="call-stage">
        <MediaView
          className="remote-video"
          stream={call.remoteStream}
          label={`Video of ${visit.visitorName}`}
          muted={false}
        />
        {overlay === null ? null : (
          <p className="call-overlay" role="status">
            {overlay}
          </p>
        )}
        <MediaView className="self-video" stream={call.localStream} label="Your camera" muted />
      </div>
      <div className="call-bar">
        <span className="call-who">{visit.visitorName}</span>
        <span className="call-remaining" aria-label="Time remaining">
          {formatCountdown(endsAt - now)}
        </span>
        <button type="button" className="button danger" onClick={call.hangUp}>
          Hang up
        </button>
      </div>
    </main>
  );
}

/** What main is told when the call is over; undefined while it goes on. */
function endReasonOf(state: CallState): CallEndReason | undefined {
  switch (state.phase) {
    case 'ended':
      return state.reason;
    case 'refused':
      return state.refusal.code === 'visit_over' ? 'completed' : 'failed';
    case 'failed':
      return 'failed';
    default:
      return undefined;
  }
}

/** Never a frozen picture presented as live: every state but a running call says what is happening. */
function describe(state: CallState, visitorName: string): string | null {
  switch (state.phase) {
    case 'connecting':
      return 'Connecting…';
    case 'waiting':
      return `Waiting for ${visitorName} to join…`;
    case 'in_call':
      return null;
    case 'reconnecting':
      return 'Connection lost. Reconnecting…';
    case 'ended':
      return 'The visit has ended.';
    case 'refused':
    case 'failed':
      return 'The call could not connect.';
  }
}
