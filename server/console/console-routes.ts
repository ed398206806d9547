import type { IncomingMessage } from 'node:http';
import { describeIssues } from '../../src/shared/describe-issues';
import { consolePagePath, consoleSignInPath, consoleSignInRequestSchema } from '../../src/shared/protocol/console';
import { RpcFailure } from '../../src/shared/protocol/rpc';
import { staffSessionSchema } from '../../src/shared/protocol/staff';
import { HttpFailure, readJson, sendJson } from '../http/json';
import type { Route } from '../http/router';
import { serveFile } from '../http/visitor-page';
import type { StaffSignIn } from '../staff/staff-sign-in';

/**
 * The console's page (`/console`, its assets under `/console/`) and its sign-in. Sign-in is plain
 * HTTP because the console's socket is authenticated from its handshake on, like the kiosk's.
 */
export function consoleRoutes(deps: { consoleDir: string; staffSignIn: StaffSignIn }): Route[] {
  return [
    {
      method: 'GET',
      path: new RegExp(`^${consolePagePath}/?$`),
      handle: (_request, response) => serveFile(response, deps.consoleDir, 'index.html', 'no-store'),
    },
    {
      method: 'GET',
      path: new RegExp(`^${consolePagePath}/(.+)$`),
      // Vite names assets by content hash, so they never change under the same name.
      handle: (_request, response, [file]) =>
        serveFile(response, deps.consoleDir, file ?? '', 'public, max-age=31536000, immutable'),
    },
    {
      method: 'POST',
      path: new RegExp(`^${consoleSignInPath}$`),
      handle: async (request, response) => {
        const parsed = consoleSignInRequestSchema.safeParse(await readJson(request));
        if (!parsed.success) throw new HttpFailure(400, 'invalid_request', describeIssues(parsed.error));
        const { staffNumber, pin } = parsed.data;
        try {
          const session = await deps.staffSignIn.signIn(staffNumber, pin, {
            where: 'console',
            address: addressOf(request),
          });
          sendJson(response, 200, staffSessionSchema, session);
        } catch (error) {
          throw error instanceof RpcFailure ? asHttpFailure(error) : error;
        }
      },
    },
  ];
}

function addressOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

function asHttpFailure(failure: RpcFailure): HttpFailure {
  switch (failure.code) {
    case 'locked_out':
      return new HttpFailure(429, 'locked_out', failure.message, failure.retryAfterSeconds);
    case 'too_many_attempts':
      return new HttpFailure(429, 'too_many_requests', failure.message, failure.retryAfterSeconds);
    case 'not_permitted':
      return new HttpFailure(403, 'not_permitted', failure.message);
    default:
      return new HttpFailure(403, 'bad_credentials', failure.message);
  }
}
