import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger as createServerLogger } from '../../../server/log';
import { createLogger } from '../../../src/main/log/logger';
import { sensitiveLogFields } from '../../../src/shared/log/redaction';

/** Every listed field with a value of its own, at the top, one and two levels down. */
function secrets() {
  const values = Object.fromEntries(sensitiveLogFields.map((field, index) => [field, `secret-${index}-value`]));
  return { values, entry: { ...values, request: { ...values, inner: { ...values } } } };
}

describe('one redaction list', () => {
  it('masks every listed field at any depth in the kiosk log and in the server log alike', async () => {
    const { values, entry } = secrets();
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-logs-'));
    const kioskLog = await createLogger({ dir });
    kioskLog.info(entry, 'kiosk');
    kioskLog.flush();
    const serverLines: string[] = [];
    createServerLogger('info', { write: (line: string) => void serverLines.push(line) }).info(entry, 'server');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const kioskText = readdirSync(dir)
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('');
    for (const text of [kioskText, serverLines.join('')]) {
      expect(text).toContain('[redacted]');
      for (const value of Object.values(values)) expect(text).not.toContain(value);
    }
  });

  it('keeps the kiosk running when its log file cannot be written, and says so once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-logs-'));
    // The file pino-roll opens for today is the full device: every write fails with ENOSPC.
    symlinkSync('/dev/full', join(dir, `kiosk.${new Date().toISOString().slice(0, 10)}.1.log`));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = await createLogger({ dir });
    log.info('first');
    await new Promise((resolve) => setTimeout(resolve, 50));
    log.info('second');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(stderr).toHaveBeenCalledTimes(1);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/log file cannot be written.*ENOSPC/);
    stderr.mockRestore();
  });
});
