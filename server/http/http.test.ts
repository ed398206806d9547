import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrolPath,
  healthPath,
  healthSchema,
  helloPath,
  helloResponseSchema,
  httpErrorSchema,
  kioskProtocolVersion,
} from '../../src/shared/protocol/http';
import { startTestServer, type TestServer } from '../test-support/test-server';
import { visitorContentSecurityPolicy } from './visitor-page';

describe('the HTTP endpoints', () => {
  let server: TestServer;
  let pageDir: string;

  beforeAll(async () => {
    pageDir = await mkdtemp(join(tmpdir(), 'visitor-page-'));
    await mkdir(join(pageDir, 'assets'));
    await writeFile(join(pageDir, 'index.html'), '<!doctype html><title>Visit</title>');
    await writeFile(join(pageDir, 'assets', 'main-abc123.js'), 'console.log(1)');
    await writeFile(join(tmpdir(), 'outside-secret.txt'), 'secret');
    await symlink(join(tmpdir(), 'outside-secret.txt'), join(pageDir, 'assets', 'link.txt'));
    server = await startTestServer({ visitorDir: pageDir });
  });
  afterAll(async () => {
    await server.dispose();
    await rm(pageDir, { recursive: true, force: true });
  });

  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': contentType }, body });

  it('reports health: workers alive, rooms, uptime', async () => {
    const response = await fetch(`${server.url}${healthPath}`);
    expect(response.status).toBe(200);
    expect(healthSchema.parse(await response.json())).toMatchObject({
      status: 'ok',
      workers: { alive: 1, total: 1 },
      rooms: 0,
    });
  });

  it('says hello without credentials: a visitation server speaking this kiosk protocol version', async () => {
    const response = await fetch(`${server.url}${helloPath}`);
    expect(response.status).toBe(200);
    expect(helloResponseSchema.parse(await response.json())).toEqual({
      service: 'visitation-server',
      protocolVersions: [kioskProtocolVersion],
    });
  });

  it.each([
    ['not JSON', () => post(enrolPath, '{code'), 400, 'invalid_request'],
    [
      'the wrong content type',
      () => post(enrolPath, 'code=1', 'application/x-www-form-urlencoded'),
      415,
      'invalid_request',
    ],
    ['the wrong shape', () => post(enrolPath, JSON.stringify({ code: 1234 })), 400, 'invalid_request'],
    ['a huge body', () => post(enrolPath, JSON.stringify({ code: 'x'.repeat(100_000) })), 413, 'payload_too_large'],
    ['the wrong method', () => fetch(`${server.url}${enrolPath}`), 405, 'method_not_allowed'],
    ['an unknown path', () => fetch(`${server.url}/api/nothing`), 404, 'not_found'],
    ['a malformed path', () => fetch(`${server.url}/visitor/%E0%A4%A`), 400, 'invalid_request'],
    ['no staff token', () => post('/api/admin/visits/demo-now/end', '{}'), 401, 'unauthenticated'],
  ])('answers %s with an error body', async (_what, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(httpErrorSchema.parse(await response.json()).error.code).toBe(code);
  });

  it('serves the visitor page for a visit link with a strict policy and no referrer', async () => {
    for (const path of ['/', '/visit/DEMO-0000-0001']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(visitorContentSecurityPolicy);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toContain('<title>Visit</title>');
    }
    expect(visitorContentSecurityPolicy).toContain("script-src 'self'");
    expect(visitorContentSecurityPolicy).not.toContain('unsafe');
    const asset = await fetch(`${server.url}/visitor/assets/main-abc123.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves nothing outside the page’s folder', async () => {
    for (const path of [
      '/visitor/..%2f..%2f..%2fetc%2fpasswd',
      '/visitor/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/visitor/assets/link.txt',
    ]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(404);
    }
  });
});
