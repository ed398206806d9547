import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolPath, healthPath, httpErrorSchema, staffPath } from '../../src/shared/protocol/http';
import {
  anyJson,
  anyText,
  generatedRuns,
  generatedTimeoutMs,
  hostilePath,
  nearby,
} from '../../tests/support/arbitraries';
import { sendRaw } from '../../tests/support/raw-http';
import { demo } from '../demo/seed';
import { enrol } from '../test-support/clients';
import { databaseFingerprint } from '../test-support/inspect-database';
import { startTestServer, type TestServer } from '../test-support/test-server';

// Generated HTTP requests, written raw to the socket so that nothing between the generator and the
// server tidies them up: every one is answered, never with a 5xx, an API refusal carries an error
// body, a refusal writes nothing, and no file outside the visitor page's folder is ever served.

const adminToken = 'test-admin-token-0123456789';
const outsideSecret = 'outside-the-page-folder';
const uuid = '0b8e9f4c-6d3a-4c2b-9a1e-5f7d8c6b4a39';

const segment = fc.oneof(
  fc.constantFrom('demo-now', 'demo-later', 'no-such-visit', 'kiosk-0001', 'b-east'),
  hostilePath.map((path) => path.replace(/^\/+/, '').slice(0, 300)),
);

const target = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(healthPath, enrolPath, staffPath, '/api/admin/visits', '/', '/visitor/index.html'),
  },
  { weight: 2, arbitrary: segment.map((id) => `/api/admin/visits/${id}/end`) },
  { weight: 2, arbitrary: segment.map((id) => `/api/admin/visits/${id}/ledger`) },
  { weight: 2, arbitrary: segment.map((id) => `/api/admin/kiosks/${id}/commands`) },
  { weight: 2, arbitrary: segment.map((id) => `/api/admin/housing-units/${id}/commands`) },
  { weight: 2, arbitrary: segment.map((code) => `/visit/${code}`) },
  { weight: 3, arbitrary: hostilePath.map((path) => `/visitor/${path}`) },
  { weight: 2, arbitrary: hostilePath },
  { weight: 1, arbitrary: fc.constantFrom('http://[', '*', '//evil.example/x', 'http://host/healthz', '/%', '') },
  { weight: 1, arbitrary: anyText },
);

const bodySamples = [
  { code: 'WXYZ-2345-ABCD' },
  { id: uuid, by: null, action: { type: 'show_message', text: 'Count time' } },
  { action: { type: 'lock' } },
  { staffNumber: '5000', displayName: 'Officer Ng', role: 'officer', pin: '2580', housingUnitId: 'b-east' },
  {
    inmateId: demo.inmate.id,
    visitor: { firstName: 'Ann', lastName: 'Lee' },
    startsAt: '2026-01-01T10:00:00.000Z',
    endsAt: '2026-01-01T10:30:00.000Z',
  },
];

const body = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...bodySamples)
      .chain((sample) => nearby(sample, anyJson))
      .map(stringify),
  },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.integer({ min: 64 * 1024, max: 80 * 1024 }).map((size) => `"${'x'.repeat(size)}"`) },
);

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'get', 'BREW'),
  target,
  contentType: fc.option(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain')),
  authorization: fc.option(fc.constantFrom(`Bearer ${adminToken}`, 'Bearer wrong', 'Basic x', `Bearer ${adminToken} `)),
  body,
});

type GeneratedRequest = typeof request extends fc.Arbitrary<infer R> ? R : never;

function stringify(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

function send(url: string, { method, target: path, contentType, authorization, body: text }: GeneratedRequest) {
  const headers = [
    `${method} ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    `Content-Length: ${Buffer.byteLength(text)}`,
    ...(contentType === null ? [] : [`Content-Type: ${contentType}`]),
    ...(authorization === null ? [] : [`Authorization: ${authorization}`]),
  ];
  return sendRaw(url, `${headers.join('\r\n')}\r\n\r\n${text}`);
}

describe('generated HTTP requests', () => {
  let server: TestServer;
  let pageDir: string;

  beforeAll(async () => {
    const base = await mkdtemp(join(tmpdir(), 'visitor-page-'));
    pageDir = join(base, 'page');
    await mkdir(join(pageDir, 'assets'), { recursive: true });
    await writeFile(join(pageDir, 'index.html'), '<!doctype html><title>Visit</title>');
    await writeFile(join(pageDir, 'assets', 'main.js'), 'console.log(1)');
    await writeFile(join(base, 'secret.txt'), outsideSecret);
    await symlink(join(base, 'secret.txt'), join(pageDir, 'assets', 'linked.txt'));
    server = await startTestServer({ visitorDir: pageDir, adminToken });
  });
  afterAll(async () => {
    await server.dispose();
    await rm(join(pageDir, '..'), { recursive: true, force: true });
  });

  it(
    'answers every request without a server error, and a refusal writes nothing',
    { timeout: generatedTimeoutMs },
    async () => {
      // Commands to kiosks that are not connected are refused and audited, by design.
      const fingerprint = databaseFingerprint(server.dataDir, ['audit_log', 'staff_sign_in_failures']);
      await fc.assert(
        fc.asyncProperty(request, async (generated) => {
          const before = fingerprint.read();
          const answer = await send(server.url, generated);

          expect(answer.status).toBeGreaterThanOrEqual(200);
          expect(answer.status).toBeLessThan(500);
          expect(answer.body).not.toContain(outsideSecret);
          if (answer.status >= 400) {
            expect(fingerprint.read()).toBe(before);
            if (/content-type: application\/json/i.test(answer.headers) && generated.method !== 'HEAD') {
              expect(httpErrorSchema.safeParse(JSON.parse(answer.body)).success).toBe(true);
            }
          }
        }),
        { numRuns: generatedRuns },
      );
      fingerprint.close();

      expect((await fetch(`${server.url}${healthPath}`)).status).toBe(200);
      expect((await enrol(server.url)).kioskId).toMatch(/^[a-z0-9-]+$/);
    },
  );
});
