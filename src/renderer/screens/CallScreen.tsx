import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CameraPosition,
  CallEndReason,
  CallWarning,
  MediaDropCause,
  MediaReport,
  VisitSummary,
} from '../../shared/contract/kiosk';
import { nameCorner, nextSelfViewCorner, selfViewCorners, type Corner } from '../call/call-layout';
import { ConnectionIndicator } from '../call/ConnectionIndicator';
import { MediaView } from '../call/MediaView';
import { useCallWarning } from '../call/use-call-warning';
import { useConnectionReading } from '../call/use-connection-reading';
import type { LocalMedia } from '../call/use-local-media';
import { useVisitCall } from '../call/use-visit-call';
import type { CallDevices, TrackEvent } from '../../shared/contract/devices';
import type { CallState } from '../../shared/call/visit-call';
import { VolumeControl } from '../call/VolumeControl';
import type { Translate } from '../i18n/i18n';
import { formatCountdown } from '../time/format';
import { useNow } from '../time/use-now';
import { Dialog } from '../ui/Dialog';

export function CallScreen({
  visit,
  localMedia,
  devices,
  media,
  warning,
  cameraPosition,
  onMediaChange,
  onRenewTicket,
  onEnded,
  onDeviceFailed,
}: {
  visit: VisitSummary;
  /** The camera and microphone, opened before the call (null while they open). */
  localMedia: LocalMedia | null;
  /** Main's word on the devices: which speaker to play the visitor on, and whether the camera and microphone work. */
  devices: CallDevices;
  media: { serverUrl: string; ticket: string };
  /** Main's latest warning that the end is near. */
  warning: CallWarning | null;
  /** Where the kiosk's camera sits: the visitor's face goes as close under it as the screen allows. */
  cameraPosition: CameraPosition;
  onMediaChange: (report: MediaReport) => void;
  /** Asks main for a fresh media ticket; undefined when there is none (the visit is over). */
  onRenewTicket: () => Promise<string | undefined>;
  /** `endedMsAgo`: how long ago this side's hang-up went to the server, which stopped counting then. */
  onEnded: (reason: CallEndReason, endedMsAgo?: number) => void;
  /** A device the call could not use (the speaker refused), for main to judge and report. */
  onDeviceFailed: (event: TrackEvent) => void;
}) {
  const { t } = useTranslation();
  const call = useVisitCall(media.serverUrl, media.ticket, onRenewTicket, localMedia);
  const { state } = call;
  const now = useNow();
  const remainingMs = Date.parse('endsAt' in state ? state.endsAt : visit.endsAt) - now;
  const shownWarning = useCallWarning(warning, now);
  // A picture the visitor's camera stopped sending on purpose is no frame rate to ask of the link.
  const videoExpected = state.phase === 'in_call' && !state.remoteStopped.video;
  const connection = useConnectionReading(call.receiveReport, state.phase, videoExpected);
  const [volume, setVolume] = useState(0.8);
  const [confirmingHangUp, setConfirmingHangUp] = useState(false);
  const [selfCorner, setSelfCorner] = useState<Corner | null>(null);
  const shownSelfCorner = selfCorner ?? selfViewCorners(cameraPosition)[0] ?? 'bottom_right';
  const remainingLabelId = useId();

  // Main keeps the visit's ledger from these reports: media from the visitor flowing or not, and
  // why not. VisitCall leaves 'in_call' within about a second of inbound media stopping, the server's rule.
  // A call that is over reports nothing: its end stops the ledger, and media stopping with it is no
  // drop (it was booked as one, dated back to the last packet, at every hang-up).
  const over = endReasonOf(state) !== undefined;
  // Packets seen, never the grace the call screen gets before its first packet: the ledger counts
  // from the first packet of a stretch and stops at its last, as the server dates them.
  const connected = state.phase === 'in_call' && call.mediaFlowing();
  const cause = dropCauseOf(state);
  const reportMedia = useEffectEvent((connected: boolean, cause: MediaDropCause) =>
    onMediaChange(
      connected
        ? { connected, startedMsAgo: Math.min(10_000, call.msSinceMediaFlowing()) }
        : { connected, cause, stoppedMsAgo: Math.min(10_000, call.msSinceMediaArrived()) },
    ),
  );
  useEffect(() => {
    if (!over) reportMedia(connected, cause);
  }, [connected, cause, over]);

  const reported = useRef(false);
  const { msSinceHangUp } = call;
  useEffect(() => {
    const reason = endReasonOf(state);
    if (reason === undefined || reported.current) return;
    reported.current = true;
    const hungUpMsAgo = msSinceHangUp();
    onEnded(reason, hungUpMsAgo === undefined ? undefined : Math.min(10_000, hungUpMsAgo));
  }, [state, onEnded, msSinceHangUp]);

  // The handset put down mid-call: a short countdown to the hang-up, which lifting it again cancels
  // (main then clears `hangsUpAt`), as "Keep talking" does for this time.
  const { handset } = devices;
  const hangsUpAt = handset.offHook === false ? handset.hangsUpAt : null;
  const [kept, setKept] = useState<string | null>(null);
  const handsetCountdown =
    hangsUpAt === null || kept === hangsUpAt || over ? null : Math.max(0, Date.parse(hangsUpAt) - now);
  const countdownOver = handsetCountdown === 0;
  useEffect(() => {
    if (countdownOver) call.hangUp();
  }, [countdownOver, call]);

  const overlay = describe(t, state, visit.visitorName);
  const deviceLost = lostDevice(devices);
  return (
    <main className={`screen call camera-${cameraPosition}`}>
      <div className="call-stage">
        <MediaView
          className={
            state.phase === 'in_call' && !state.pictureFrozen && !state.videoPaused.receiving
              ? 'remote-video'
              : 'remote-video stale'
          }
          stream={call.remoteStream}
          label={t('call.remoteVideo', { name: visit.visitorName })}
          muted={false}
          volume={volume}
          sinkId={devices.roles[devices.audio.output].deviceId}
          onSinkFailed={(error) => {
            console.error('the provisioned speaker could not be used', error);
            const deviceId = devices.roles[devices.audio.output].deviceId;
            if (deviceId === null) return;
            onDeviceFailed({
              role: devices.audio.output,
              deviceId,
              event: 'failed',
              error: error instanceof Error ? error.name.slice(0, 100) : 'Error',
            });
          }}
        />
        {overlay === null ? null : (
          <p className="call-overlay" role="status">
            {overlay}
          </p>
        )}
        {deviceLost === null ? null : (
          <p className="call-device-lost" role="alert">
            {t(deviceLost, { name: visit.visitorName })}
          </p>
        )}
        {shownWarning === null ? null : (
          // A new element for each warning, so that a screen reader announces each one.
          <p key={shownWarning.key} className="call-warning" role="alert">
            {t('call.warning', { count: shownWarning.minutesLeft })}
          </p>
        )}
        <div className={`call-who corner-${nameCorner(cameraPosition)}`}>
          <h1>{visit.visitorName}</h1>
          {connection === null ? null : <ConnectionIndicator shown={connection} />}
        </div>
        <div className={`self-view corner-${shownSelfCorner}`}>
          <MediaView className="self-video" stream={localMedia?.stream ?? null} label={t('call.selfVideo')} muted />
          <button
            type="button"
            className="button secondary self-move"
            onClick={() => setSelfCorner(nextSelfViewCorner(cameraPosition, shownSelfCorner))}
          >
            {t('call.moveSelf')}
          </button>
        </div>
      </div>
      <div className="call-bar">
        <div className={`call-clock${shownWarning === null ? '' : ' warned'}`}>
          <span id={remainingLabelId} className="call-clock-label">
            {t('call.timeRemaining')}
          </span>
          <span className="call-remaining" role="timer" aria-labelledby={remainingLabelId}>
            {formatCountdown(remainingMs)}
          </span>
        </div>
        <VolumeControl volume={volume} onChange={setVolume} />
        <button type="button" className="button danger" onClick={() => setConfirmingHangUp(true)}>
          {t('call.hangUp')}
        </button>
      </div>
      {handsetCountdown === null ? null : (
        <Dialog
          title={t('call.confirmTitle')}
          actions={
            <>
              <button type="button" className="button secondary" onClick={() => setKept(hangsUpAt)} autoFocus>
                {t('call.handset.keep')}
              </button>
              <button type="button" className="button danger" onClick={() => call.hangUp()}>
                {t('call.handset.hangUp')}
              </button>
            </>
          }
        >
          <p>{t('call.handset.body', { countdown: formatCountdown(handsetCountdown) })}</p>
        </Dialog>
      )}
      {confirmingHangUp ? (
        <Dialog
          title={t('call.confirmTitle')}
          actions={
            <>
              <button type="button" className="button secondary" onClick={() => setConfirmingHangUp(false)} autoFocus>
                {t('call.no')}
              </button>
              <button
                type="button"
                className="button danger"
                onClick={() => {
                  setConfirmingHangUp(false);
                  call.hangUp();
                }}
              >
                {t('call.yes')}
              </button>
            </>
          }
        >
          <p>{t('call.confirmBody', { name: visit.visitorName })}</p>
        </Dialog>
      ) : null}
    </main>
  );
}

/**
 * A camera or microphone that failed mid-call: the call goes on with what works (the visitor is
 * told by the call itself), and the person at the kiosk sees what happened until it comes back.
 */
function lostDevice({ roles }: CallDevices): 'call.device.microphoneLost' | 'call.device.cameraLost' | null {
  const lost = (health: string): boolean => health === 'fault' || health === 'missing';
  if (lost(roles.microphone.health)) return 'call.device.microphoneLost';
  if (lost(roles.camera.health)) return 'call.device.cameraLost';
  return null;
}

/** Why media is not flowing, as main's ledger records the drop. */
function dropCauseOf(state: CallState): MediaDropCause {
  if (state.phase === 'reconnecting') return state.cause;
  return state.phase === 'waiting' ? 'visitor_left' : 'media_stalled';
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
function describe(t: Translate, state: CallState, visitorName: string): string | null {
  switch (state.phase) {
    case 'connecting':
      return t('call.connecting');
    case 'waiting':
      return t('call.waiting', { name: visitorName });
    case 'in_call':
      if (state.videoPaused.receiving) return t('call.videoPaused', { name: visitorName });
      if (state.pictureFrozen) return t('call.pictureFrozen', { name: visitorName });
      return state.videoPaused.sending ? t('call.videoPausedForThem', { name: visitorName }) : null;
    case 'reconnecting':
      return `${t('call.reconnecting')} ${t(`call.cause.${state.cause}`)}`;
    case 'ended':
      return t('call.ended');
    case 'refused':
    case 'failed':
      return t('call.failed');
  }
}
