import { loadConfig } from './config';
import { demoSummary } from './demo/demo-summary';
import { createLogger } from './log';
import { startServer } from './start-server';

// The reference server as a program: configured by the environment and `--demo` (see config.ts), stopped cleanly
// by SIGTERM or SIGINT.
const config = loadConfig(process.env, process.argv.slice(2));
const log = createLogger(config.logLevel);
const server = await startServer({ ...config, log });
console.log(demoSummary(server.url, server.adminToken, config.adminToken === undefined, config.demo));

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  });
}
