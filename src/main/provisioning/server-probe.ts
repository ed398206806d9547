import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { helloPath } from '../../shared/protocol/http';

/** What came back from asking a server for its hello, before anyone judged it. */
export type ProbeOutcome =
  | {
      kind: 'answered';
      status: number;
      /** The body as text; null when it was larger than a hello can be. */
      body: string | null;
      /** The certificate's SHA-256 fingerprint for https (verified by then), else null. */
      fingerprint: string | null;
    }
  | { kind: 'failed'; code: string | undefined };

export interface ProbeOptions {
  timeoutMs: number;
  /** Certificate authorities to trust instead of the system's: tests only. */
  ca?: string;
}

/** A hello is a few dozen bytes; anything near this is some other site's page. */
const maxBodyBytes = 16 * 1024;

/**
 * The thin network adapter of the server check: one GET of the hello over a fresh connection (no
 * pooled socket or TLS session from an earlier check), the certificate verified by Node against the
 * system's authorities, and one bound on the whole exchange, name lookup included.
 */
export function probeHello(serverUrl: URL, options: ProbeOptions): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const send = serverUrl.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(new URL(helloPath, serverUrl), {
      method: 'GET',
      headers: { Accept: 'application/json' },
      agent: false,
      ...(serverUrl.protocol === 'https:'
        ? { rejectUnauthorized: true, ...(options.ca === undefined ? {} : { ca: options.ca }) }
        : {}),
    });
    const timer = setTimeout(() => {
      settle({ kind: 'failed', code: 'ETIMEDOUT' });
      request.destroy();
    }, options.timeoutMs);
    let settled = false;
    function settle(outcome: ProbeOutcome): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    }
    request.once('error', (error: NodeJS.ErrnoException) => settle({ kind: 'failed', code: error.code }));
    request.once('response', (response) => {
      const fingerprint = peerFingerprint(response);
      readBody(response).then(
        (body) => {
          settle({ kind: 'answered', status: response.statusCode ?? 0, body, fingerprint });
          request.destroy();
        },
        (error: NodeJS.ErrnoException) => settle({ kind: 'failed', code: error.code }),
      );
    });
    request.end();
  });
}

function peerFingerprint(response: IncomingMessage): string | null {
  const socket = response.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return null;
  return socket.getPeerCertificate().fingerprint256 ?? null;
}

/** The body as text, or null once it outgrows a hello (the rest is not read). */
function readBody(response: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        resolve(null);
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.once('error', reject);
  });
}
