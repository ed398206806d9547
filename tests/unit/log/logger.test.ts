import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/log/logger';

function readLogs(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('');
}

describe('logger', () => {
  it('writes levelled JSON lines to a dated, rotating file and masks credentials at any depth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-logs-'));
    const log = await createLogger({ dir, level: 'info' });
    log.debug('hidden below the level');
    log.info({ pin: '2468', request: { token: 'abc.def', inmate: { pin: '1357' } }, kioskToken: 'k-1' }, 'signed in');
    log.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^kiosk\.\d{4}-\d{2}-\d{2}\.1\.log$/)]);
    const text = readLogs(dir);
    for (const secret of ['2468', 'abc.def', '1357', 'k-1']) expect(text).not.toContain(secret);
    expect(text).not.toContain('hidden below the level');
    const line = JSON.parse(text.trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, msg: 'signed in', pin: '[redacted]', kioskToken: '[redacted]' });
    expect(line.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
