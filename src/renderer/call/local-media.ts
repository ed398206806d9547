import type { TrackEvent, TrackRole } from '../../shared/contract/devices';

export type LocalKind = 'audio' | 'video';

const constraintsOf: Record<LocalKind, MediaTrackConstraints> = {
  audio: { echoCancellation: true, noiseSuppression: true },
  video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
};

/**
 * Opens exactly the device main provisioned for a role, never another: `exact`, so a device that is
 * gone fails (and is reported) instead of the browser quietly taking whatever it finds.
 */
export async function openRoleTrack(kind: LocalKind, deviceId: string): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({
    [kind]: { ...constraintsOf[kind], deviceId: { exact: deviceId } },
  });
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
