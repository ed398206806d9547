import { createContractClient, type KioskBridge } from '../../shared/contract/client';
import { createSocketTransport } from './socket-transport';

declare global {
  interface Window {
    /** Present only under the Electron host, where the preload exposes it. */
    readonly kioskBridge?: KioskBridge;
  }
}

/**
 * The Electron host hands the renderer a bridge through its preload; without one, the page was
 * served by the preview host and speaks the same contract over its WebSocket. Past this point
 * only `bridge.host` tells the two apart.
 */
export function connectBridge(): KioskBridge {
  if (window.kioskBridge !== undefined) return window.kioskBridge;
  const url = new URL('/contract', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = createSocketTransport(url.toString(), {
    timeoutMs: 10_000,
    // Under Electron a main restart restarts the renderer too; the preview mirrors that.
    onReconnected: () => window.location.reload(),
    askWhyRefused: async () => {
      const answer = await fetch(new URL('/contract', window.location.href), { method: 'POST' });
      return answer.status === 403 ? await answer.text() : undefined;
    },
    warn: (message) => console.warn(message),
  });
  return createContractClient(transport, 'preview', console);
}
