import { useEffect, useRef } from 'react';

/** A video element bound to a MediaStream; the self view is muted so the kiosk never hears itself. */
export function MediaView({
  stream,
  label,
  muted,
  volume = 1,
  className,
}: {
  stream: MediaStream | null;
  label: string;
  muted: boolean;
  /** From 0 to 1: the visitor's voice as loud as the person at the kiosk wants it. */
  volume?: number;
  className: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current !== null) ref.current.srcObject = stream;
  }, [stream]);
  useEffect(() => {
    if (ref.current !== null) ref.current.volume = volume;
  }, [volume]);
  return <video ref={ref} className={className} aria-label={label} autoPlay playsInline muted={muted} />;
}
