import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLogs, secretsIn } from '../../support/log-secrets';

// The e2e log scan must be able to fail: each kind of secret it looks for is found, a clean line
// passes, and an empty folder reads as nothing scanned.

describe('the log secrets scan', () => {
  it.each([
    ['PIN', { msg: 'signed in', request: { pin: '2468' } }],
    ['kiosk or session token', { msg: 'x', session: 'g98CF3QUEhqULFGVTjvbIt642MeCAnwBBvc0Q9fF5R0' }],
    ['media ticket', { msg: 'x', detail: `eyJ2aXNpdElkIjoiZGVtby1ub3cifQ.${'a'.repeat(43)}` }],
    ['visitor code', { msg: 'GET /visit/DEMO-0000-0001' }],
    ['enrolment code', { msg: 'enrolling with DEMO-KIOSK-2468' }],
    ['staff token', { authorization: 'Bearer e2e-admin-token-0123456789' }],
  ])('finds a %s', (what, entry) => {
    expect(secretsIn(JSON.stringify(entry))).toContain(what);
  });

  it('takes no UUID for a visitor code, though its groups can be all digits', () => {
    expect(
      secretsIn(JSON.stringify({ msg: 'transport created', transportId: 'b50f0593-3804-4932-9c43-9546d16e81ae' })),
    ).toEqual([]);
  });

  it('passes the lines both sides really write', () => {
    for (const entry of [
      {
        level: 30,
        time: '2026-12-02T06:00:00.000Z',
        pid: 4242,
        msg: 'inmate signed in',
        inmateId: '100234',
        pin: '[redacted]',
      },
      { level: 20, msg: 'request answered', request: 'kiosk.heartbeat', durationMs: 2468.5 },
      { level: 30, msg: 'consumer created', id: '0b8e9f4c-6d3a-4c2b-9a1e-5f7d8c6b4a39', hash: 'a'.repeat(64) },
    ]) {
      expect(secretsIn(JSON.stringify(entry))).toEqual([]);
    }
  });

  it('counts files and lines, and reports where a secret is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-scan-'));
    expect(scanLogs(join(dir, 'none'))).toEqual({ files: 0, lines: 0, findings: [] });
    mkdirSync(join(dir, 'e2e'));
    writeFileSync(
      join(dir, 'e2e', 'kiosk-1.log'),
      `${JSON.stringify({ msg: 'ok' })}\n${JSON.stringify({ pin: '1357' })}\n`,
    );
    expect(scanLogs(dir)).toEqual({
      files: 1,
      lines: 2,
      findings: [{ file: join(dir, 'e2e', 'kiosk-1.log'), line: 2, what: 'PIN' }],
    });
  });
});
