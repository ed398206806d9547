import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm test`'s last step: it must fail on a secret, naming where and what but never the secret.

function scan(dir: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['scripts/scan-logs.mjs', dir], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('the e2e log scan step', () => {
  it('fails on a logged PIN, naming the file, the line and the kind, never the PIN', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-logs-'));
    mkdirSync(join(dir, 'e2e', 'kiosk-1'), { recursive: true });
    const file = join(dir, 'e2e', 'kiosk-1', 'kiosk.log');
    writeFileSync(file, `${JSON.stringify({ msg: 'started' })}\n${JSON.stringify({ msg: 'sign-in', pin: '1357' })}\n`);
    const { status, output } = scan(dir);
    expect(status).toBe(1);
    expect(output).toContain('kiosk.log:2: PIN');
    expect(output).not.toContain('1357');
  });

  it('passes clean logs and fails when there are none to scan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-logs-'));
    expect(scan(dir).status).toBe(1);
    writeFileSync(join(dir, 'server.log'), `${JSON.stringify({ msg: 'visit started', visitId: 'demo-now' })}\n`);
    expect(scan(dir)).toMatchObject({ status: 0, output: expect.stringContaining('1 log lines in 1 files') });
  });
});
