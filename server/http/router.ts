import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { httpErrorSchema, requestPathname } from '../../src/shared/protocol/http';
import type { Logger } from '../log';
import { HttpFailure, sendJson } from './json';

export interface Route {
  method: 'GET' | 'POST';
  /** Matched against the whole path; capture groups become `params`. */
  path: RegExp;
  handle(request: IncomingMessage, response: ServerResponse, params: string[]): void | Promise<void>;
}

function decodeParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    throw new HttpFailure(400, 'invalid_request', 'malformed path');
  }
}

/** Dispatches to the first route whose path matches; every failure is answered with an error body. */
export function createRouter(routes: readonly Route[], log: Logger): RequestListener {
  return (request, response) => {
    // The route's pattern, not the URL, goes into the log: a path can hold a visitor's code.
    let route = 'none';
    void dispatch(request, response, (chosen) => (route = chosen.path.source)).catch((error: unknown) => {
      if (error instanceof HttpFailure) {
        if (response.headersSent) return;
        const { code, message, retryAfterSeconds } = error;
        if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(retryAfterSeconds));
        sendJson(response, error.status, httpErrorSchema, {
          error: { code, message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
        });
        return;
      }
      log.error({ err: error, method: request.method, route }, 'HTTP request failed');
      if (!response.headersSent) {
        sendJson(response, 500, httpErrorSchema, { error: { code: 'internal', message: 'internal error' } });
      } else {
        response.destroy();
      }
    });
  };

  async function dispatch(
    request: IncomingMessage,
    response: ServerResponse,
    onRoute: (route: Route) => void,
  ): Promise<void> {
    const pathname = requestPathname(request.url);
    if (pathname === undefined) throw new HttpFailure(400, 'invalid_request', 'malformed request target');
    const matching = routes.flatMap((route) => {
      const match = route.path.exec(pathname);
      return match === null ? [] : [{ route, params: match.slice(1) }];
    });
    if (matching.length === 0) throw new HttpFailure(404, 'not_found', 'not found');
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const chosen = matching.find(({ route }) => route.method === method);
    if (chosen === undefined) {
      response.setHeader('Allow', [...new Set(matching.map(({ route }) => route.method))].join(', '));
      throw new HttpFailure(405, 'method_not_allowed', 'method not allowed');
    }
    onRoute(chosen.route);
    await chosen.route.handle(request, response, chosen.params.map(decodeParam));
  }
}
