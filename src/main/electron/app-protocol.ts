import { realpath, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol, type Protocol } from 'electron';
import { appScheme } from '../policy/app-origin';
import { isInsideRoot, resolveAppAsset } from '../policy/app-assets';
import { describeUrl } from '../policy/navigation';
import type { Logger } from '../log/logger';

/**
 * Must run before the app is ready: the scheme is standard and secure so it gets a real origin. V8's
 * code cache is on for it (Chromium keeps one only for http(s) unless told), because compiling the
 * bundle's functions as they first run is much of startup, and a kiosk loads the same bundle at
 * every start.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from `rootDir` with the kiosk's Content-Security-Policy on every response. */
export function serveAppScheme(
  sessionProtocol: Protocol,
  rootDir: string,
  /** Read for each response: the policy can widen once setup accepted a server. */
  csp: string | (() => string),
  log: Logger,
): void {
  sessionProtocol.handle(appScheme, async (request) => {
    const resolution = resolveAppAsset(request.url, rootDir);
    if (!resolution.allow) {
      log.warn({ url: describeUrl(request.url), reason: resolution.reason }, 'refused app asset');
      return new Response('Not found', { status: 404 });
    }
    let realPath: string;
    try {
      realPath = await realpath(resolution.path);
      // Chromium answers a file:// URL of a folder with a listing of it: only files are served.
      if (!(await stat(realPath)).isFile()) return new Response('Not found', { status: 404 });
    } catch {
      return new Response('Not found', { status: 404 });
    }
    if (!isInsideRoot(realPath, await realpath(rootDir))) {
      log.warn({ url: describeUrl(request.url) }, 'refused app asset that links outside the app');
      return new Response('Not found', { status: 404 });
    }
    const file = await net.fetch(pathToFileURL(realPath).toString());
    const headers = new Headers(file.headers);
    headers.set('Content-Security-Policy', typeof csp === 'string' ? csp : csp());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(file.body, { status: file.status, headers });
  });
}
