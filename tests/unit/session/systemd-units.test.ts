import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const unitDir = resolve('resources/kiosk-session/systemd');
const units = readdirSync(unitDir).filter((name) => name.endsWith('.service'));

/** systemd's own check of unit files; the units' folder first on the search path, so they find each other. */
function verify(dir: string, files: string[]): { status: number | null; output: string } {
  const run = spawnSync('systemd-analyze', ['verify', ...files.map((file) => join(dir, file))], {
    encoding: 'utf8',
    env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:`, SYSTEMD_LOG_COLOR: '0' },
  });
  if (run.error !== undefined) throw new Error(`systemd-analyze could not run (apt-get install systemd): ${run.error}`);
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
}

const scratch = mkdtempSync(join(tmpdir(), 'kiosk-units-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the kiosk session units', () => {
  it('are the session and its out-of-service screen', () => {
    expect(units.sort()).toEqual(['visitation-kiosk-out-of-service.service', 'visitation-kiosk.service']);
  });

  for (const unit of units) {
    it(`${unit} passes systemd-analyze verify with nothing to say`, () => {
      expect(verify(unitDir, [unit])).toEqual({ status: 0, output: '' });
    });
  }

  it('the check fails on a misspelt key and a missing program (so a pass means something)', () => {
    for (const unit of units) copyFileSync(join(unitDir, unit), join(scratch, unit));
    const broken = readFileSync(join(scratch, 'visitation-kiosk.service'), 'utf8')
      .replace('Restart=always', 'Restrat=always')
      .replace('/usr/bin/cage', '/usr/bin/no-such-cage');
    writeFileSync(join(scratch, 'visitation-kiosk.service'), broken);
    const result = verify(scratch, ['visitation-kiosk.service']);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/Unknown key 'Restrat'/);
    expect(result.output).toMatch(/no-such-cage/);
  });

  it('the session runs only cage with the kiosk app, without VT switching, and ends in out-of-service', () => {
    const session = readFileSync(join(unitDir, 'visitation-kiosk.service'), 'utf8');
    const execStart = /^ExecStart=(.*)$/m.exec(session)?.[1];
    expect(execStart).toBe('/usr/bin/cage -d -- /usr/bin/visitation-kiosk --ozone-platform=wayland');
    // cage's -s would allow Ctrl+Alt+Fn to reach another virtual terminal.
    expect(execStart?.split(' -- ')[0]).not.toMatch(/\s-s\b/);
    expect(session).toMatch(/^Restart=always$/m);
    expect(session).toMatch(/^StartLimitBurst=\d+$/m);
    expect(session).toMatch(/^OnFailure=visitation-kiosk-out-of-service\.service$/m);
    expect(session).toMatch(/^WatchdogSec=\d+$/m);
    expect(session).toMatch(/^NotifyAccess=all$/m);
    expect(session).toMatch(/^User=kiosk$/m);
    expect(session).toMatch(/^Conflicts=getty@tty1\.service$/m);
  });
});
