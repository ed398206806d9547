import { useEffect, useRef } from 'react';

/** A video element bound to a MediaStream; the self view is muted so the kiosk never hears itself. */
export function MediaView({
  stream,
  label,
  muted,
  className,
}: {
  stream: MediaStream | null;
  label: string;
  muted: boolean;
  className: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current !== null) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} className={className} aria-label={label} autoPlay playsInline muted={muted} />;
}
