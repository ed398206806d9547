import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { httpErrorCodeSchema } from '../../src/shared/protocol/http';

export type HttpErrorCode = z.infer<typeof httpErrorCodeSchema>;

/** Thrown by a route to answer with an error body; anything else thrown becomes a 500. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    /** Sent as `Retry-After` and in the body, for refusals that lift with time. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const maxJsonBodyBytes = 64 * 1024;

/** Reads a JSON request body, refusing other content types and bodies over the limit. */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
    throw new HttpFailure(415, 'invalid_request', 'expected application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxJsonBodyBytes) throw new HttpFailure(413, 'payload_too_large', 'request body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpFailure(400, 'invalid_request', 'body is not JSON');
  }
}

/** Validates a value the server is about to send, so a response never leaves outside its schema. */
export function sendJson<S extends z.ZodType>(
  response: ServerResponse,
  status: number,
  schema: S,
  body: z.input<S>,
): void {
  const json = JSON.stringify(schema.parse(body));
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(json);
}
