import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What must never be in a log line, kiosk's or server's: the credentials the e2e run types, holds
 * and hands around. Each is a pattern, so that generated tokens, tickets and codes are caught too,
 * not only the fixed demo values.
 */
const secretPatterns: ReadonlyArray<readonly [string, RegExp]> = [
  ['kiosk or session token', /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/],
  ['media ticket', /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/],
  // Not inside a UUID, whose groups can be all digits ("b50f0593-3804-4932-9c43-…").
  ['visitor code', /(?<![A-Za-z0-9-])[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}(?![A-Za-z0-9-])/],
  ['enrolment code', /DEMO-KIOSK-\d{4}/],
  ['staff token', /(?:e2e|fault)-admin-token-\d+/],
];

/** The demo PINs, which are short enough to be anything: looked for only as a value of a string field. */
const pins = new Set(['2468', '1357']);

export interface SecretFinding {
  file: string;
  line: number;
  what: string;
}

export interface LogScan {
  files: number;
  lines: number;
  findings: SecretFinding[];
}

/** Reads every `.log` file under `dir` (JSON lines) and reports each line that holds a secret. */
export function scanLogs(dir: string): LogScan {
  const scan: LogScan = { files: 0, lines: 0, findings: [] };
  for (const file of logFiles(dir)) {
    scan.files += 1;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (text.trim() === '') return;
        scan.lines += 1;
        for (const what of secretsIn(text)) scan.findings.push({ file, line: index + 1, what });
      });
  }
  return scan;
}

export function secretsIn(line: string): string[] {
  const found = secretPatterns.filter(([, pattern]) => pattern.test(line)).map(([what]) => what);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return [...found, 'a line that is not JSON'];
  }
  if (stringValues(parsed).some((value) => pins.has(value))) found.push('PIN');
  return found;
}

function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(stringValues);
}

function logFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.log'))
    .map((entry) => join(entry.parentPath, entry.name));
}
