import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readableLog } from '../../../scripts/readable-log.mjs';

describe("npm start's console", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('shows log records as readable lines, passes the banner as it is, and keeps the JSON in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readable-log-'));
    dirs.push(dir);
    const logFile = join(dir, 'logs', 'server.log');
    const shown: string[] = [];
    const show = readableLog({ logFile, name: 'server', write: (text) => shown.push(text), colorize: false });
    const record = JSON.stringify({
      level: 40,
      time: '2026-12-02T06:16:37.339Z',
      service: 'visitation-server',
      workers: 2,
      msg: 'mediasoup workers started',
    });
    // A record split across two chunks, as a pipe may deliver it.
    show(`${record.slice(0, 20)}`);
    show(`${record.slice(20)}\nVisitation server at http://127.0.0.1:4000 | kiosk enrolment code X\n`);

    expect(shown).toHaveLength(2);
    expect(shown[0]).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: server: mediasoup workers started \{"workers":2\}\n$/);
    expect(shown[0]).not.toContain('"level"');
    expect(shown[1]).toBe('Visitation server at http://127.0.0.1:4000 | kiosk enrolment code X\n');
    await expect.poll(() => readFileSync(logFile, 'utf8')).toBe(`${record}\n`);
  });
});
