// `npm test`'s Electronegativity step: Doyensec's checks over src/, for the Electron version the
// project uses (its own detection looks for an installed binary). Fails on any finding that
// electronegativity-answers.mjs does not answer, and on any answer left without its finding.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answers } from './electronegativity-answers.mjs';

const electronVersion = createRequire(import.meta.url)('electron/package.json').version;
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const report = join(dir, 'report.sarif');
try {
  const run = spawnSync(
    'npx',
    ['electronegativity', '--input', 'src', '--electron-version', electronVersion, '--relative', '--output', report],
    { encoding: 'utf8' },
  );
  if (run.error !== undefined || run.status !== 0) {
    console.error(`electronegativity did not run: ${run.error ?? run.stderr}`);
    process.exit(1);
  }
  const findings = JSON.parse(readFileSync(report, 'utf8')).runs[0].results.map((result) => {
    const location = result.locations?.[0]?.physicalLocation;
    return {
      check: result.ruleId,
      file: location?.artifactLocation?.uri ?? 'N/A',
      line: location?.region?.startLine ?? 0,
      message: result.message.text,
    };
  });
  const answerFor = (finding) => answers.find((a) => a.check === finding.check && a.file === finding.file);
  const unanswered = findings.filter((finding) => answerFor(finding) === undefined);
  const stale = answers.filter((a) => !findings.some((f) => f.check === a.check && f.file === a.file));

  for (const finding of findings.filter((f) => answerFor(f) !== undefined)) {
    console.log(`answered  ${finding.check} ${finding.file}: ${answerFor(finding).reason}`);
  }
  for (const finding of unanswered) {
    console.log(`FINDING   ${finding.check} ${finding.file}:${finding.line}: ${finding.message}`);
  }
  for (const answer of stale) console.log(`STALE     ${answer.check} ${answer.file}: no such finding any more`);
  console.log(`electronegativity ${electronVersion}: ${findings.length} findings, ${unanswered.length} unanswered`);
  process.exitCode = unanswered.length === 0 && stale.length === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
