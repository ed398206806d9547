// `npm test`: every check the project has, in order, then one summary of the counts.
// Steps after a failed one still run, so a single run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

// The fault tests run apart, after the other e2e tests and whatever became of them (`--no-deps`),
// so that a failure elsewhere cannot hide theirs; each run writes `test-results/<KIOSK_E2E_RUN>`.
const e2eRuns = [
  ['e2e', ['--project=chromium', '--project=electron']],
  ['e2e-faults', ['--project=faults', '--no-deps']],
];
const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['electronegativity', 'node', ['scripts/electronegativity.mjs']],
  ['unit + component', 'npx', ['vitest', 'run']],
  ...e2eRuns.map(([run, args]) => [run, 'npx', ['playwright', 'test', ...args], { KIOSK_E2E_RUN: run }]),
  // After every e2e run: their kiosks' and servers' logs (`test-results/logs/`) hold no secret.
  ['log secrets', 'node', ['scripts/scan-logs.mjs', 'test-results/logs']],
];

rmSync('test-results', { recursive: true, force: true });
const failedSteps = [];
// CI has a time budget: the summary says which step spent it.
const stepSeconds = [];
for (const [name, command, args, env = {}] of steps) {
  console.log(`\n=== ${name}`);
  const startedAt = performance.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (status !== 0) failedSteps.push(name);
  stepSeconds.push(`${name} ${Math.round((performance.now() - startedAt) / 1000)} s`);
}

const counts = { unit: zero(), component: zero(), e2e: zero() };
let flaky = 0;
if (existsSync('test-results/vitest.json')) {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  for (const file of report.testResults) {
    const kind = file.name.includes('/tests/component/') ? 'component' : 'unit';
    for (const test of file.assertionResults) {
      if (test.status === 'passed') counts[kind].passed += 1;
      else if (test.status === 'failed') counts[kind].failed += 1;
      else counts[kind].skipped += 1;
    }
  }
}
for (const [run] of e2eRuns) {
  if (!existsSync(`test-results/${run}.json`)) continue;
  const { stats } = JSON.parse(readFileSync(`test-results/${run}.json`, 'utf8'));
  counts.e2e.passed += stats.expected + stats.flaky;
  counts.e2e.failed += stats.unexpected;
  counts.e2e.skipped += stats.skipped;
  flaky += stats.flaky;
}

const total = Object.values(counts).reduce(
  (sum, c) => ({ passed: sum.passed + c.passed, failed: sum.failed + c.failed, skipped: sum.skipped + c.skipped }),
  zero(),
);
console.log('\n=== summary');
for (const [kind, c] of Object.entries(counts)) {
  console.log(`${kind.padEnd(10)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
if (flaky > 0) console.log(`e2e flaky  ${flaky} passed only on their retry (their first failure is printed above)`);
console.log(`time per step: ${stepSeconds.join(', ')}`);
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`${total.passed} passed, ${total.failed + failedSteps.length} failed, ${total.skipped} skipped`);
process.exit(failedSteps.length === 0 ? 0 : 1);

function zero() {
  return { passed: 0, failed: 0, skipped: 0 };
}
