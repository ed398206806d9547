import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../store/helpers';

/**
 * The adapter's boundary is a `busctl` process: a stand-in on PATH records its arguments and
 * answers as logind would (`CanReboot` prints `s "<answer>"`; a refused `Reboot` prints the error
 * to stderr and exits 1, as busctl does).
 */
export function fakeBusctl(
  answers: { canReboot?: string; rebootFails?: string; hang?: boolean },
  dir: string = tempDir(),
) {
  const calls = join(dir, 'calls.log');
  writeFileSync(
    join(dir, 'busctl'),
    [
      '#!/bin/sh',
      `printf '%s\\n' "$*" >> '${calls}'`,
      answers.hang === true ? 'exec /bin/sleep 5' : '',
      'case "$*" in',
      `  *CanReboot*) printf 's "%s"\\n' '${answers.canReboot ?? 'yes'}' ;;`,
      answers.rebootFails === undefined ? '  *Reboot*) ;;' : `  *Reboot*) echo '${answers.rebootFails}' >&2; exit 1 ;;`,
      '  *) echo "unknown call" >&2; exit 64 ;;',
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(join(dir, 'busctl'), 0o755);
  return {
    env: { PATH: dir },
    calls: () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []),
  };
}
