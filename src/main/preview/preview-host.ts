import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestPathname } from '../../shared/protocol/http';
import { contentSecurityPolicy } from '../policy/content-security-policy';
import { deny, type Decision } from '../policy/decision';
import { decideSocketOrigin, ownSocketOrigins } from '../policy/ipc-sender';
import type { Logger } from '../log/logger';
import type { MainServices } from '../services';
import { createContractSocket } from './contract-socket';
import { embedFirstSnapshot } from './first-snapshot-html';
import { createStaticHandler } from './static-files';

export const contractSocketPath = '/contract';

export interface PreviewHost {
  readonly url: string;
  close(): Promise<void>;
}

export interface PreviewHostOptions {
  services: MainServices;
  rendererDir: string;
  host: string;
  port: number;
  /** The server the page may reach, read for each page served (setup accepts one after start). */
  serverUrl: () => string | undefined;
  log: Logger;
}

/**
 * Serves the built renderer over HTTP and carries the contract over a WebSocket, so the whole kiosk
 * runs in any browser without Electron. It has no Electron lockdown and binds to loopback by default.
 */
export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const { log } = options;
  let origins: string[] = [];
  const serveStatic = createStaticHandler(
    options.rendererDir,
    () => contentSecurityPolicy(options.serverUrl()),
    embedFirstSnapshot(
      () => options.services.view.snapshot(),
      () => origins,
    ),
  );
  const sockets = createContractSocket(options.services, log);
  const server: Server = createServer((request, response) => {
    const admission = admitToContract(request);
    if (admission !== undefined) {
      answerAdmission(admission, request, response);
      return;
    }
    serveStatic(request, response).catch((error: unknown) => {
      log.error({ err: error }, 'preview host failed to serve a file');
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  /**
   * The contract socket's one admission rule, for its upgrade and for a page asking why it was
   * refused; undefined for a request that is not for the contract at all.
   */
  const admitToContract = (request: IncomingMessage): Decision | undefined =>
    requestPathname(request.url) === contractSocketPath
      ? decideSocketOrigin(request.headers.origin, origins)
      : undefined;
  /**
   * A browser hides why a WebSocket handshake failed, so a refused page would only see its socket
   * close. It asks here instead (a POST, which carries its Origin) and says so on screen.
   */
  const answerAdmission = (decision: Decision, request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'POST') {
      response.writeHead(405, { Allow: 'POST' }).end();
      return;
    }
    if (decision.allow) {
      response.writeHead(204).end();
      return;
    }
    log.warn({ reason: decision.reason }, 'told a page its socket is refused');
    response
      .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
      .end(decision.reason);
  };
  server.on('upgrade', (request, socket, head) => {
    // Node takes its own error handler off a socket it hands over for an upgrade.
    socket.on('error', (error) => log.warn({ reason: error.message }, 'renderer socket failed during its upgrade'));
    const path = requestPathname(request.url);
    const decision = admitToContract(request) ?? deny(path === undefined ? 'unreadable URL' : 'unknown socket path');
    if (!decision.allow) {
      log.warn({ path: path?.slice(0, 100), reason: decision.reason }, 'refused socket');
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', (error) => log.error({ err: error }, 'preview host failed'));
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  origins = ownSocketOrigins(url);

  return {
    url,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
