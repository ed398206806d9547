import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { readFirstSnapshot } from './app/read-first-snapshot';
import { followKioskSnapshot } from './app/use-kiosk-snapshot';
import { connectBridge } from './bridge/connect-bridge';
import { guardPage } from './lockdown/page-guards';
import './styles.css';

// Startup's phases, read by the startup benchmark: every import of the bundle has run by now.
performance.mark('kiosk:bundle-evaluated');
guardPage();
const bridge = connectBridge();
document.documentElement.dataset.host = bridge.host;
const snapshots = followKioskSnapshot(bridge, readFirstSnapshot(document));

const report = (message: string, stack?: string): void => {
  void bridge.request('diagnostics.reportRendererError', {
    message: message.slice(0, 2000),
    ...(stack === undefined ? {} : { stack: stack.slice(0, 10000) }),
  });
};
window.addEventListener('error', (event) => report(event.message, (event.error as Error | undefined)?.stack));
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  report(reason instanceof Error ? reason.message : String(reason), reason instanceof Error ? reason.stack : undefined);
});

const root = document.getElementById('root');
if (root === null) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <App bridge={bridge} snapshots={snapshots} />
  </StrictMode>,
);
