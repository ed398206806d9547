export function SignInScreen({ onCancel }: { onCancel: () => void }) {
  return (
    <main className="screen sign-in">
      <h1>Sign in</h1>
      <p className="lead">Enter your inmate ID and PIN.</p>
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          Back
        </button>
      </div>
    </main>
  );
}
