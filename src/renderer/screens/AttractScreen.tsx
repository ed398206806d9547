/** The idle face of the kiosk: the whole screen is one large target. */
export function AttractScreen({ onBegin }: { onBegin: () => void }) {
  return (
    <main className="screen attract">
      <button type="button" className="attract-target" onClick={onBegin}>
        <span className="attract-title">Video Visits</span>
        <span className="attract-prompt">Touch the screen to begin</span>
      </button>
    </main>
  );
}
