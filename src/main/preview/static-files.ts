import { readFile, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { requestPathname } from '../../shared/protocol/http';
import { isInsideRoot, resolveAssetPath } from '../policy/app-assets';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.map': 'application/json',
};

/** Rewrites an HTML page as it is served, for what only the moment of the request knows. */
export type PageRewrite = (html: string, request: IncomingMessage) => string;

/** Serves the built renderer with the same path rules and CSP the Electron host's app:// scheme uses. */
export function createStaticHandler(
  rootDir: string,
  /** Read for each page served: the policy can widen once setup accepted a server. */
  csp: string | (() => string),
  rewritePage: PageRewrite = (html) => html,
) {
  const realRoot = realpath(rootDir);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = requestPathname(request.url);
    if (pathname === undefined) {
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');
      return;
    }
    const resolution = resolveAssetPath(pathname, rootDir);
    const body = resolution.allow ? await readInside(resolution.path, await realRoot) : undefined;
    if (body === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const isEntry = resolution.allow && extname(resolution.path) === '.html';
    const content = isEntry ? rewritePage(body.toString('utf8'), request) : body;
    response.writeHead(200, {
      'Content-Type': contentTypes[extname(resolution.allow ? resolution.path : '')] ?? 'application/octet-stream',
      'Content-Security-Policy': typeof csp === 'string' ? csp : csp(),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': isEntry ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    response.end(request.method === 'HEAD' ? undefined : content);
  };
}

async function readInside(path: string, realRoot: string): Promise<Buffer | undefined> {
  try {
    const real = await realpath(path);
    if (!isInsideRoot(real, realRoot)) return undefined;
    return await readFile(real);
  } catch {
    return undefined;
  }
}
