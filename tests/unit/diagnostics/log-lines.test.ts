import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recentLogLines } from '../../../src/main/diagnostics/recent-log-lines';
import { redactLogLine } from '../../../src/main/diagnostics/redact-log-line';
import { personalLogFields, sensitiveLogFields } from '../../../src/shared/log/redaction';
import { diagnosticsLogLineChars } from '../../../src/shared/protocol/diagnostics';
import { anyText, generatedRuns } from '../../support/arbitraries';

const line = (n: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ level: 30, time: '2026-12-03T06:00:00.000Z', msg: `line ${n}`, ...extra });

function logFolder(files: Array<{ name: string; lines: string[]; modifiedAt: number }>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kiosk-logs-')), 'logs');
  mkdirSync(dir);
  for (const file of files) {
    writeFileSync(join(dir, file.name), `${file.lines.join('\n')}\n`);
    utimesSync(join(dir, file.name), file.modifiedAt, file.modifiedAt);
  }
  return dir;
}

describe('the newest log lines of a rotated log folder', () => {
  it('takes the newest file’s last lines, oldest first, and goes back to older files only for more', async () => {
    const dir = logFolder([
      { name: 'kiosk.2026-12-02.1.log', lines: [1, 2, 3].map((n) => line(n)), modifiedAt: 1000 },
      { name: 'kiosk.2026-12-03.1.log', lines: [4, 5].map((n) => line(n)), modifiedAt: 2000 },
      { name: 'notes.txt', lines: ['not a log'], modifiedAt: 3000 },
    ]);
    const messages = async (count: number) =>
      (await recentLogLines(dir, count)).lines.map((text) => (JSON.parse(text) as { msg: string }).msg);
    expect(await messages(2)).toEqual(['line 4', 'line 5']);
    expect(await messages(4)).toEqual(['line 2', 'line 3', 'line 4', 'line 5']);
    expect(await messages(50)).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  });

  it('reads only the tail of a large file, starting at a whole line', async () => {
    const many = Array.from({ length: 20_000 }, (_, n) => line(n, { padding: 'x'.repeat(40) }));
    const dir = logFolder([{ name: 'kiosk.2026-12-03.1.log', lines: many, modifiedAt: 1000 }]);
    const { lines, unreadable } = await recentLogLines(dir, 200);
    expect(unreadable).toBeNull();
    expect(lines).toHaveLength(200);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ msg: 'line 19800' });
    expect(JSON.parse(lines[199] ?? '')).toMatchObject({ msg: 'line 19999' });
  });

  it('says why there are no lines when the folder is missing', async () => {
    expect(await recentLogLines(join(tmpdir(), 'no-such-kiosk-logs'))).toEqual({
      lines: [],
      unreadable: 'no log folder yet',
    });
  });
});

describe('a log line made fit to leave the kiosk', () => {
  it('masks credentials and personal fields at any depth, and every URL’s query', () => {
    const redacted = JSON.parse(
      redactLogLine(
        line(1, {
          a: { b: { c: { d: { PIN: '4827', visitorName: 'Rosa T.' } } } },
          list: [{ staffNumber: '7001' }, 'see http://10.0.0.2:8080/visit?code=QX7P#x and more'],
        }),
      ),
    ) as Record<string, unknown>;
    expect(redacted).toMatchObject({
      msg: 'line 1',
      a: { b: { c: { d: { PIN: '[redacted]', visitorName: '[personal]' } } } },
      list: [{ staffNumber: '[personal]' }, 'see http://10.0.0.2:8080/visit?[redacted] and more'],
    });
  });

  it('passes on no line that is not one of the logger’s records, and cuts long ones', () => {
    expect(redactLogLine('pin=4827 plain text')).toBe('[not a log record]');
    expect(redactLogLine('[1,2]')).toBe('[not a log record]');
    expect(redactLogLine(line(1, { padding: 'y'.repeat(5000) }))).toHaveLength(diagnosticsLogLineChars);
  });

  it('never lets a masked field’s value through, whatever the record holds (generated)', () => {
    const masked = fc.constantFrom(...sensitiveLogFields, ...personalLogFields);
    // A value that cannot appear by chance in the rest of the record or in the masks.
    const secret = fc.string({ minLength: 12, maxLength: 30, unit: fc.constantFrom(...'QXZJKVW') });
    const record: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        anyText.map((text) => text.replace(/[QXZJKVW]/g, '')),
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(
          fc.string({ maxLength: 8 }).map((key) => key.replace(/[QXZJKVW]/g, '')),
          tie('node'),
          { maxKeys: 3 },
        ),
      ),
    })).node;
    fc.assert(
      fc.property(record, fc.array(fc.tuple(masked, secret), { minLength: 1, maxLength: 4 }), (rest, fields) => {
        const withSecrets = { msg: 'generated', rest, nested: { deeper: Object.fromEntries(fields) } };
        const out = redactLogLine(JSON.stringify(withSecrets));
        for (const [, value] of fields) expect(out).not.toContain(value);
      }),
      { numRuns: generatedRuns },
    );
  });
});
