import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import type { TrackEvent, TrackRole } from '../../shared/contract/devices';
import { openRoleTrack, stopTracks, watchTrack, type LocalKind } from './local-media';

/** The kiosk's own stream, and its tracks as they are now (a camera that ends leaves it, one that returns joins it). */
export interface LocalMedia {
  stream: MediaStream;
  tracks: readonly MediaStreamTrack[];
}

/** Which role and device each kind of track comes from, as main's snapshot says; null: none works. */
export type LocalSources = Record<LocalKind, { role: TrackRole; deviceId: string | null }>;

/**
 * The camera and microphone main provisioned, while `wanted`, stopped the moment it is not. The
 * kiosk wants them from the pre-call check through the call, so the call takes over the stream the
 * check opened: closing a camera and opening it again restarts the device, and its first frames
 * come late. The stream stays the same object for its whole life; a device main moves a role to
 * (or one that comes back) is a new track in it.
 */
export function useLocalMedia(
  wanted: boolean,
  sources: LocalSources,
  report: (event: TrackEvent) => void,
  /** The handset's mute button: the microphone's track sends silence while true. */
  muted = false,
): LocalMedia | null {
  // A new stream each time the media is wanted again; creating one opens nothing.
  const stream = useMemo(() => (wanted ? new MediaStream() : undefined), [wanted]);
  useEffect(() => {
    if (stream === undefined) return;
    return () => stopTracks(stream);
  }, [stream]);
  const [published, setPublished] = useState<LocalMedia | null>(null);
  useRoleTrack(stream, 'video', sources.video, report, setPublished);
  useRoleTrack(stream, 'audio', sources.audio, report, setPublished);
  const media = useMemo(() => {
    if (stream === undefined) return null;
    return published?.stream === stream ? published : { stream, tracks: [] };
  }, [stream, published]);
  useEffect(() => {
    // Read from the stream, not from what was published: `enabled` is the track's own switch.
    for (const track of media?.stream.getAudioTracks() ?? []) track.enabled = !muted;
  }, [media, muted]);
  return media;
}

function useRoleTrack(
  stream: MediaStream | undefined,
  kind: LocalKind,
  { role, deviceId }: LocalSources[LocalKind],
  onReport: (event: TrackEvent) => void,
  setMedia: (media: LocalMedia) => void,
): void {
  const report = useEffectEvent(onReport);
  const publish = useEffectEvent((from: MediaStream) => setMedia({ stream: from, tracks: from.getTracks() }));
  useEffect(() => {
    if (stream === undefined || deviceId === null) return;
    let closed = false;
    let track: MediaStreamTrack | undefined;
    let unwatch = (): void => {};
    const leave = (): void => {
      if (track === undefined) return;
      stream.removeTrack(track);
      publish(stream);
    };
    openRoleTrack(kind, deviceId).then(
      (opened) => {
        if (closed) return opened.stop();
        track = opened;
        for (const old of kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks()) stream.removeTrack(old);
        stream.addTrack(opened);
        unwatch = watchTrack(opened, role, deviceId, report, leave);
        report({ role, deviceId, event: 'live' });
        publish(stream);
      },
      (error: unknown) => {
        if (closed) return;
        console.error(`could not open the ${role}`, error);
        report({ role, deviceId, event: 'failed', error: error instanceof Error ? error.name.slice(0, 100) : 'Error' });
      },
    );
    return () => {
      closed = true;
      unwatch();
      track?.stop();
      leave();
    };
  }, [stream, kind, role, deviceId]);
}
