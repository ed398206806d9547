import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsOptions } from '../start-server';
import { startTestServer, type TestServer } from '../test-support/test-server';

describe('the server over TLS', () => {
  let dir: string;
  let tls: { certFile: string; keyFile: string };
  let server: TestServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'visitation-tls-'));
    tls = { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        tls.keyFile,
        '-out',
        tls.certFile,
      ],
      { stdio: 'ignore' },
    );
    server = await startTestServer({ tls });
  });
  afterAll(async () => {
    await server.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds the minimum at TLS 1.2 whatever the process default says', () => {
    expect(tlsOptions(tls).minVersion).toBe('TLSv1.2');
  });

  it('serves https and negotiates TLS 1.2 or later', async () => {
    expect(server.url).toMatch(/^https:\/\//);
    const { port } = new URL(server.url);
    const protocol = await new Promise<string | null>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: Number(port), rejectUnauthorized: false }, () => {
        resolve(socket.getProtocol());
        socket.end();
      });
      socket.once('error', reject);
    });
    expect(['TLSv1.2', 'TLSv1.3']).toContain(protocol);
  });
});
