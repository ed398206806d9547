import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimulatedHookSource } from '../devices/handset/simulated-hook-source';
import type { Logger } from '../log/logger';

export interface SimulatedHandsetEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

const actions: Record<string, (source: SimulatedHookSource) => void> = {
  '/lift': (source) => source.lift(),
  '/hang-up': (source) => source.hangUp(),
  '/mute': (source) => source.pressMute(),
  '/unplug': (source) => source.unplug(),
};

/**
 * The preview host's test-only handle on its simulated handset: `POST /lift`, `/hang-up`, `/mute`,
 * `/unplug`, and `GET /` for the hook and the LEDs. Bound to 127.0.0.1 whatever the preview's own
 * address, started only when `KIOSK_SIMULATED_HANDSET=1`, and never part of the Electron host
 * (only `preview/index.ts` imports it).
 */
export async function startSimulatedHandsetEndpoint(
  source: SimulatedHookSource,
  port: number,
  log: Logger,
): Promise<SimulatedHandsetEndpoint> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const reply = (status: number, body: unknown): void => {
      response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && path === '/') {
      reply(200, { offHook: source.offHook, leds: source.leds, unplugged: source.closed });
      return;
    }
    const action = Object.hasOwn(actions, path) ? actions[path] : undefined;
    if (request.method !== 'POST' || action === undefined) {
      reply(404, { error: 'POST /lift, /hang-up, /mute or /unplug; GET / for the state' });
      return;
    }
    action(source);
    log.info({ action: path.slice(1) }, 'simulated handset');
    reply(200, { offHook: source.offHook, leds: source.leds, unplugged: source.closed });
  });
  server.on('error', (error) => log.error({ err: error }, 'simulated handset endpoint failed'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
