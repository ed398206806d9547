import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { restartExitCode } from '../../../src/main/supervisor/restart';

describe('npm start and the kiosk agree on the restart exit code', () => {
  it('restarts the kiosk for exactly the code main exits with on restart_app', () => {
    // The script runs on plain Node and cannot import the TypeScript constant, so it keeps a copy.
    const script = readFileSync('scripts/start.mjs', 'utf8');
    expect(script).toContain(`const restartExitCode = ${restartExitCode};`);
  });
});
