const segments = 10;

/** A level from 0 to 1 as a row of bars: the microphone's loudness, the call's volume. */
export function LevelMeter({ label, level, className }: { label: string; level: number; className?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, level)) * 100);
  const lit = Math.round((percent / 100) * segments);
  return (
    <div
      className={`level-meter${className === undefined ? '' : ` ${className}`}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      {Array.from({ length: segments }, (_, index) => (
        <span key={index} className={index < lit ? 'lit' : undefined} />
      ))}
    </div>
  );
}
