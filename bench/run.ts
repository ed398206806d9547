// `npm run bench`: every benchmark, printed as a table; with --json, a JSON array of
// { name, value, unit } on standard output and nothing else there. Group names as arguments
// (`npm run bench -- ledger recovery`) run only those groups.
import { runBundleBenchmarks } from './bundle.bench';
import { runDeviceBenchmarks } from './devices.bench';
import { runDiagnosticsBenchmarks } from './diagnostics.bench';
import { runFleetBenchmarks } from './fleet.bench';
import { runJoinBenchmarks } from './join.bench';
import { runLedgerBenchmarks } from './ledger.bench';
import { runMediaCheckBenchmarks } from './media-check.bench';
import { runOfficerBenchmarks } from './officer.bench';
import { runOutboxBacklogBenchmarks } from './outbox-backlog.bench';
import { runOutboxBenchmarks } from './outbox.bench';
import { runRecoveryBenchmarks } from './recovery.bench';
import { runQualityBenchmarks } from './quality.bench';
import type { BenchmarkResult } from './result';
import { runStartupBenchmarks } from './startup.bench';

const json = process.argv.includes('--json');
const progress = (message: string): void => void process.stderr.write(`${message}\n`);

const groups: Array<[string, () => BenchmarkResult[] | Promise<BenchmarkResult[]>]> = [
  ['bundle', () => runBundleBenchmarks()],
  ['startup', () => runStartupBenchmarks()],
  ['join', () => runJoinBenchmarks()],
  ['outbox', () => runOutboxBenchmarks()],
  ['outbox-backlog', () => runOutboxBacklogBenchmarks()],
  ['recovery', () => runRecoveryBenchmarks()],
  ['quality', () => runQualityBenchmarks()],
  ['devices', () => runDeviceBenchmarks()],
  ['ledger', () => runLedgerBenchmarks()],
  ['fleet', () => runFleetBenchmarks()],
  ['officer', () => runOfficerBenchmarks()],
  ['diagnostics', () => runDiagnosticsBenchmarks()],
  ['media-check', () => runMediaCheckBenchmarks()],
];
const chosen = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const unknown = chosen.filter((name) => !groups.some(([group]) => group === name));
if (unknown.length > 0) {
  progress(`bench: no such group: ${unknown.join(', ')} (groups: ${groups.map(([group]) => group).join(', ')})`);
  process.exit(2);
}

const results: BenchmarkResult[] = [];
for (const [name, run] of groups) {
  if (chosen.length > 0 && !chosen.includes(name)) continue;
  progress(`bench: ${name}…`);
  results.push(...(await run()));
}

if (json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const width = Math.max(...results.map((result) => result.name.length));
  for (const result of results)
    console.log(`${result.name.padEnd(width)}  ${String(result.value).padStart(10)} ${result.unit}`);
}
process.exit(0);
