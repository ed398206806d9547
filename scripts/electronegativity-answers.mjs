// Electronegativity's findings on src/ that are answered rather than fixed, each with the reason and
// where the truth is tested. A finding not listed here fails `npm test`; an answer that no longer
// matches a finding fails it too, so this list cannot go stale.
export const answers = [
  {
    check: 'CSP_GLOBAL_CHECK',
    file: 'file:///',
    reason:
      'The CSP is a response header on every app: response (policy/content-security-policy.ts, served by ' +
      'electron/app-protocol.ts), not a <meta> tag the tool can see; tests/unit/policy/content-security-policy.test.ts ' +
      'and the first-screen e2e spec check it.',
  },
  ...['AUXCLICK_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK'].map((check) => ({
    check,
    file: 'main/electron/kiosk-window.ts',
    reason:
      'The window is built from kioskWindowOptions() in the same file, which the tool cannot follow: sandbox and ' +
      "contextIsolation on, nodeIntegration off, disableBlinkFeatures 'Auxclick'; tests/unit/electron/kiosk-window.test.ts.",
  })),
];
