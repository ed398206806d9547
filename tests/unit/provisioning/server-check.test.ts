import { X509Certificate } from 'node:crypto';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helloPath, kioskProtocolVersion } from '../../../src/shared/protocol/http';
import { checkServer, judgeHello } from '../../../src/main/provisioning/server-check';
import { selfSignedCertificate, type TestCertificate } from './certificates';

const hour = 3_600_000;
const open: Server[] = [];
const sockets = new Set<Socket>();

/** Listens on a free loopback port and keeps the server for closing after the file. */
async function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  open.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function helloAnswering(versions: number[]): RequestListener {
  return (request, response) => {
    if (request.url !== helloPath) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ service: 'visitation-server', protocolVersions: versions }));
  };
}

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(open.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('the server check over plain http on loopback', () => {
  let helloPort: number;
  let otherVersionPort: number;
  let webSitePort: number;
  let silentPort: number;
  let notHttpPort: number;
  let refusedPort: number;

  beforeAll(async () => {
    helloPort = await listen(createHttpServer(helloAnswering([kioskProtocolVersion])));
    otherVersionPort = await listen(createHttpServer(helloAnswering([kioskProtocolVersion + 1])));
    webSitePort = await listen(
      createHttpServer((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Router</title>');
      }),
    );
    // Accepts the connection and never says a word.
    silentPort = await listen(createNetServer(() => {}));
    notHttpPort = await listen(createNetServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n')));
    const closed = createNetServer();
    refusedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
  });

  it('accepts a visitation server that speaks this protocol version, with no fingerprint', async () => {
    await expect(checkServer(`http://127.0.0.1:${helloPort}`, { allowPlainHttp: false })).resolves.toEqual({
      ok: true,
      serverUrl: `http://127.0.0.1:${helloPort}`,
      fingerprint: null,
      protocolVersion: kioskProtocolVersion,
    });
  });

  it('refuses a visitation server that speaks another protocol version, and says which it speaks', async () => {
    await expect(checkServer(`http://127.0.0.1:${otherVersionPort}`, { allowPlainHttp: false })).resolves.toEqual({
      ok: false,
      reason: 'wrong_protocol_version',
      code: null,
      serverVersions: [kioskProtocolVersion + 1],
      fingerprint: null,
    });
  });

  it('refuses a web server that is not a visitation server', async () => {
    const result = await checkServer(`http://127.0.0.1:${webSitePort}`, { allowPlainHttp: false });
    expect(result).toMatchObject({ ok: false, reason: 'not_a_visitation_server' });
  });

  it('refuses something that does not speak HTTP at all', async () => {
    const result = await checkServer(`http://127.0.0.1:${notHttpPort}`, { allowPlainHttp: false });
    expect(result).toMatchObject({ ok: false, reason: 'not_a_visitation_server' });
  });

  it('says the connection was refused when nothing listens on the port', async () => {
    await expect(checkServer(`http://127.0.0.1:${refusedPort}`, { allowPlainHttp: false })).resolves.toMatchObject({
      ok: false,
      reason: 'refused',
      code: 'ECONNREFUSED',
    });
  });

  it('gives up on a server that never answers within the bounded wait', async () => {
    const started = performance.now();
    const result = await checkServer(`http://127.0.0.1:${silentPort}`, { allowPlainHttp: false, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, reason: 'timed_out' });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('says a name does not exist', async () => {
    await expect(checkServer('nowhere.invalid', { allowPlainHttp: false })).resolves.toMatchObject({
      ok: false,
      reason: 'dns_not_found',
      code: 'ENOTFOUND',
    });
  });

  it('refuses plain http beyond loopback before sending anything, unless the test network allows it', async () => {
    await expect(checkServer('http://visits.example.org', { allowPlainHttp: false })).resolves.toMatchObject({
      ok: false,
      reason: 'not_secure',
    });
    await expect(
      checkServer('http://visits.invalid', { allowPlainHttp: true }).then((result) => result.ok || result.reason),
    ).resolves.toBe('dns_not_found');
  });

  it.each([
    '',
    '   ',
    'two words',
    'https://visits.example.org/kiosk',
    'https://user:pw@visits.example.org',
    'ftp://visits.example.org',
    'https://visits.example.org?x',
    'https://',
  ])('refuses %j as an address', async (typed) => {
    await expect(checkServer(typed, { allowPlainHttp: false })).resolves.toMatchObject({
      ok: false,
      reason: 'invalid_address',
    });
  });
});

describe('the server check over https', () => {
  let valid: TestCertificate;
  let fingerprint: string;
  let validPort: number;
  let expiredPort: number;
  let notYetValidPort: number;
  let plainPort: number;
  let expiredCa: string;
  let notYetValidCa: string;

  beforeAll(async () => {
    const now = Date.now();
    valid = selfSignedCertificate({ from: new Date(now - hour), to: new Date(now + 24 * hour) });
    fingerprint = new X509Certificate(valid.cert).fingerprint256;
    const expired = selfSignedCertificate({ from: new Date(now - 48 * hour), to: new Date(now - 24 * hour) });
    const notYetValid = selfSignedCertificate({ from: new Date(now + 24 * hour), to: new Date(now + 48 * hour) });
    const hello = helloAnswering([kioskProtocolVersion]);
    validPort = await listen(createHttpsServer(valid, hello));
    expiredPort = await listen(createHttpsServer(expired, hello));
    notYetValidPort = await listen(createHttpsServer(notYetValid, hello));
    plainPort = await listen(createHttpServer(hello));
    // Each is its own authority: trusted, it fails on its dates alone.
    expiredCa = expired.cert;
    notYetValidCa = notYetValid.cert;
  });

  it('accepts a trusted certificate and returns its SHA-256 fingerprint; no scheme means https', async () => {
    await expect(checkServer(`localhost:${validPort}`, { allowPlainHttp: false, ca: valid.cert })).resolves.toEqual({
      ok: true,
      serverUrl: `https://localhost:${validPort}`,
      fingerprint,
      protocolVersion: kioskProtocolVersion,
    });
  });

  it('accepts the certificate the facility gave, and refuses another, showing the one it found', async () => {
    const options = { allowPlainHttp: false, ca: valid.cert };
    await expect(
      checkServer(`https://localhost:${validPort}`, { ...options, expectedFingerprint: fingerprint }),
    ).resolves.toMatchObject({ ok: true, fingerprint });
    const other = fingerprint.startsWith('00') ? `11${fingerprint.slice(2)}` : `00${fingerprint.slice(2)}`;
    await expect(
      checkServer(`https://localhost:${validPort}`, { ...options, expectedFingerprint: other }),
    ).resolves.toMatchObject({ ok: false, reason: 'fingerprint_mismatch', fingerprint });
  });

  it('refuses a certificate no trusted authority signed (self-signed)', async () => {
    await expect(checkServer(`https://localhost:${validPort}`, { allowPlainHttp: false })).resolves.toMatchObject({
      ok: false,
      reason: 'tls_untrusted',
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('refuses a certificate for another name', async () => {
    await expect(
      checkServer(`https://127.0.0.1:${validPort}`, { allowPlainHttp: false, ca: valid.cert }),
    ).resolves.toMatchObject({ ok: false, reason: 'tls_name_mismatch', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('refuses an expired certificate and one not valid yet', async () => {
    await expect(
      checkServer(`https://localhost:${expiredPort}`, { allowPlainHttp: false, ca: expiredCa }),
    ).resolves.toMatchObject({ ok: false, reason: 'tls_expired', code: 'CERT_HAS_EXPIRED' });
    await expect(
      checkServer(`https://localhost:${notYetValidPort}`, { allowPlainHttp: false, ca: notYetValidCa }),
    ).resolves.toMatchObject({ ok: false, reason: 'tls_not_yet_valid', code: 'CERT_NOT_YET_VALID' });
  });

  it('says TLS failed when the port speaks plain http', async () => {
    await expect(checkServer(`https://localhost:${plainPort}`, { allowPlainHttp: false })).resolves.toMatchObject({
      ok: false,
      reason: 'tls_failed',
    });
  });
});

describe('judging a probe', () => {
  const url = new URL('https://visits.example.org');

  it('maps a route failure and keeps only a code-shaped code', () => {
    expect(judgeHello(url, { kind: 'failed', code: 'EHOSTUNREACH' }, null)).toMatchObject({
      reason: 'no_route',
      code: 'EHOSTUNREACH',
    });
    expect(judgeHello(url, { kind: 'failed', code: 'not <a> code' }, null)).toMatchObject({
      reason: 'connection_lost',
      code: null,
    });
  });

  it('refuses an https answer without a certificate, and a body too large for a hello', () => {
    expect(judgeHello(url, { kind: 'answered', status: 200, body: '{}', fingerprint: null }, null)).toMatchObject({
      reason: 'tls_failed',
    });
    const http = new URL('http://127.0.0.1:4000');
    expect(judgeHello(http, { kind: 'answered', status: 200, body: null, fingerprint: null }, null)).toMatchObject({
      reason: 'not_a_visitation_server',
    });
  });
});
