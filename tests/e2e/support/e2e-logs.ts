import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where every kiosk's and server's log from an e2e run is kept, one folder per process, so that
 * `npm test` can scan every line for secrets at the end (`scripts/scan-logs.mjs`).
 */
export const e2eLogRoot = resolve('test-results', 'logs');

/** A fresh folder for one process's logs, in the run's own (`KIOSK_E2E_RUN`). */
export function newLogDir(kind: 'kiosk' | 'server'): string {
  const runDir = join(e2eLogRoot, process.env['KIOSK_E2E_RUN'] ?? 'e2e');
  mkdirSync(runDir, { recursive: true });
  return mkdtempSync(join(runDir, `${kind}-`));
}
