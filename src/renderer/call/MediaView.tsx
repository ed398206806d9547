import { useEffect, useEffectEvent, useRef } from 'react';

/** A video element bound to a MediaStream; the self view is muted so the kiosk never hears itself. */
export function MediaView({
  stream,
  label,
  muted,
  volume = 1,
  sinkId = null,
  onSinkFailed,
  className,
}: {
  stream: MediaStream | null;
  label: string;
  muted: boolean;
  /** From 0 to 1: the visitor's voice as loud as the person at the kiosk wants it. */
  volume?: number;
  /** The output device main provisioned for the sound; null: the system's. */
  sinkId?: string | null;
  /** The output device could not be used (gone, refused): the sound stays where it was. */
  onSinkFailed?: (error: unknown) => void;
  className: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current !== null) ref.current.srcObject = stream;
  }, [stream]);
  useEffect(() => {
    if (ref.current !== null) ref.current.volume = volume;
  }, [volume]);
  const sinkFailed = useEffectEvent((error: unknown) => onSinkFailed?.(error));
  useEffect(() => {
    const element = ref.current;
    if (element === null || sinkId === null) return;
    let retry: (() => void) | undefined;
    const apply = (): void => {
      if (element.sinkId === sinkId) return;
      element.setSinkId(sinkId).catch((error: unknown) => {
        // Chromium aborts it for an element with nothing to play yet (the visitor's tracks come
        // later): once it plays, again.
        if (error instanceof DOMException && error.name === 'AbortError' && retry === undefined) {
          retry = apply;
          element.addEventListener('playing', retry, { once: true });
        } else {
          sinkFailed(error);
        }
      });
    };
    apply();
    return () => {
      if (retry !== undefined) element.removeEventListener('playing', retry);
    };
  }, [sinkId]);
  return <video ref={ref} className={className} aria-label={label} autoPlay playsInline muted={muted} />;
}
