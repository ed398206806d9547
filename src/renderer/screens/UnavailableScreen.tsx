/** Shown when the renderer cannot reach main; the detail helps a technician, the rest an inmate. */
export function UnavailableScreen({ detail }: { detail: string }) {
  return (
    <main className="screen unavailable" role="alert">
      <h1>This kiosk is starting up</h1>
      <p className="lead">Please wait a moment or ask an officer for help.</p>
      <p className="detail">{detail}</p>
    </main>
  );
}
