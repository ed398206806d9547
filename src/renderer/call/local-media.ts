import { openWithHdFallback } from '../../shared/call/send-plan';
import type { TrackEvent, TrackRole } from '../../shared/contract/devices';

export type LocalKind = 'audio' | 'video';

const microphone: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true };

/**
 * Opens exactly the device main provisioned for a role, never another: `exact`, so a device that is
 * gone fails (and is reported) instead of the browser quietly taking whatever it finds. The camera
 * opens at 720p where it can, at whatever it gives where it cannot (`send-plan.ts`).
 */
export async function openRoleTrack(kind: LocalKind, deviceId: string): Promise<MediaStreamTrack> {
  const device = { deviceId: { exact: deviceId } };
  const stream =
    kind === 'audio'
      ? await navigator.mediaDevices.getUserMedia({ audio: { ...microphone, ...device } })
      : await openWithHdFallback((size) => navigator.mediaDevices.getUserMedia({ video: { ...size, ...device } }));
  const [track] = kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks();
  if (track === undefined) throw new DOMException(`no ${kind} track`, 'NotFoundError');
  return track;
}

/** Reports what the track does to main, which judges the role's health from it; returns the unsubscribe. */
export function watchTrack(
  track: MediaStreamTrack,
  role: TrackRole,
  deviceId: string,
  report: (event: TrackEvent) => void,
  onEnded: () => void,
): () => void {
  const send = (event: TrackEvent['event']) => () => report({ role, deviceId, event });
  const muted = send('muted');
  const unmuted = send('unmuted');
  const ended = (): void => {
    report({ role, deviceId, event: 'ended' });
    onEnded();
  };
  track.addEventListener('mute', muted);
  track.addEventListener('unmute', unmuted);
  track.addEventListener('ended', ended);
  return () => {
    track.removeEventListener('mute', muted);
    track.removeEventListener('unmute', unmuted);
    track.removeEventListener('ended', ended);
  };
}

export function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
