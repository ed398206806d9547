import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { launchFirefox } from './support/firefox-launch';

// The visitor page's Firefox test must fail in words when Firefox cannot run, never skip: these stand
// in for a broken Firefox with small shell scripts that puppeteer-core really launches.
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firefox-launch-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

test('a missing Firefox names the binary and how to install it', async () => {
  const missing = join(dir, 'no-such-firefox');
  await expect(launchFirefox({ executablePath: missing })).rejects.toThrow(
    `Firefox is not installed at ${missing}: the visitor page's Firefox tests need Debian's firefox-esr`,
  );
});

test('a Firefox that exits names the binary, its exit code and the tail of what it printed', async () => {
  const lines = Array.from({ length: 20 }, (_, index) => `echo "complaint ${index + 1}" >&2`).join('\n');
  const broken = script(
    'exits',
    `${lines}\necho "XPCOMGlueLoad error: libxul.so: cannot open shared object" >&2\nexit 3`,
  );
  const failure = await launchFirefox({ executablePath: broken }).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  expect(failure?.message).toContain(`Firefox (${broken}) did not start: Code: 3; the last it printed:`);
  expect(failure?.message).toContain('  XPCOMGlueLoad error: libxul.so: cannot open shared object');
  expect(failure?.message).toContain('complaint 20');
  // Only the tail: the first lines are cut, and puppeteer's generic advice with them.
  expect(failure?.message).not.toMatch(/complaint 6$/m);
  expect(failure?.message).not.toContain('TROUBLESHOOTING');
});

test('a Firefox that never opens its BiDi socket is given up on in time and killed', async () => {
  const hanging = script('hangs', 'sleep 313');
  const started = Date.now();
  await expect(launchFirefox({ executablePath: hanging, timeoutMs: 1500 })).rejects.toThrow(
    `Firefox (${hanging}) did not start: Timed out after 1500 ms`,
  );
  expect(Date.now() - started).toBeLessThan(10_000);
  // Neither the script nor its child may outlive the failed launch (puppeteer kills its process group;
  // the child has been seen to linger about 5 s).
  await expect.poll(() => running(hanging) || running('sleep 313'), { timeout: 15_000 }).toBe(false);
});

function running(command: string): boolean {
  try {
    execFileSync('pgrep', ['-f', command]);
    return true;
  } catch {
    return false;
  }
}
