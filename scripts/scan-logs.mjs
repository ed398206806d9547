// The last step of `npm test`: every line the e2e runs' kiosks and servers logged, scanned for secrets
// (`tests/support/log-secrets.ts`). A finding names the file, the line and the kind of secret, never
// the secret itself. No log at all fails too: a scan of nothing would pass whatever was logged.
import { relative } from 'node:path';
import { scanLogs } from '../tests/support/log-secrets.ts';

const dir = process.argv[2] ?? 'test-results/logs';
const scan = scanLogs(dir);
for (const { file, line, what } of scan.findings) console.error(`${relative('.', file)}:${line}: ${what}`);
console.log(`${scan.lines} log lines in ${scan.files} files under ${dir}: ${scan.findings.length} with a secret`);
if (scan.files === 0) console.error(`no log files under ${dir}: the e2e runs kept none`);
process.exit(scan.files > 0 && scan.findings.length === 0 ? 0 : 1);
