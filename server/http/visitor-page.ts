import { readFile, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { HttpFailure } from './json';
import type { Route } from './router';

/**
 * The visitor page's policy: its own scripts and styles only (nothing inline, no eval), signalling
 * to this server only, no framing. The visit code is in the URL, so no Referer may carry it away.
 */
export const visitorContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const pageHeaders = {
  'Content-Security-Policy': visitorContentSecurityPolicy,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=()',
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** Serves the built visitor page: `/` and `/visit/<code>` are the page, `/visitor/...` its assets. */
export function visitorPageRoutes(visitorDir: string): Route[] {
  const root = resolve(visitorDir);
  const page = (response: ServerResponse): Promise<void> => serveFile(response, root, 'index.html', 'no-store');
  return [
    { method: 'GET', path: /^\/$/, handle: (_request, response) => page(response) },
    { method: 'GET', path: /^\/visit\/[^/]+$/, handle: (_request, response) => page(response) },
    {
      method: 'GET',
      path: /^\/visitor\/(.+)$/,
      // Vite names assets by content hash, so they never change under the same name.
      handle: (_request, response, [file]) =>
        serveFile(response, root, file ?? '', 'public, max-age=31536000, immutable'),
    },
  ];
}

export async function serveFile(
  response: ServerResponse,
  root: string,
  relative: string,
  cacheControl: string,
): Promise<void> {
  const body = await readInside(root, relative);
  if (body === undefined) throw new HttpFailure(404, 'not_found', 'not found (are the pages built? npm run build)');
  response.writeHead(200, {
    ...pageHeaders,
    'Content-Type': contentTypes[extname(relative)] ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
  });
  response.end(body);
}

/** Reads a file only if its real path (links followed) lies inside the page's folder. */
async function readInside(root: string, relative: string): Promise<Buffer | undefined> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(resolve(realRoot, relative));
    if (!real.startsWith(realRoot + sep)) return undefined;
    return await readFile(real);
  } catch {
    return undefined;
  }
}
