import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/support/chromium-launch';

/** `npm test` runs the fault tests as a second run; each run keeps its own results. */
const run = process.env.KIOSK_E2E_RUN ?? 'e2e';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `test-results/${run}`,
  // An accessibility check of a screen with a live call has taken 28 s on a loaded 2-core machine.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 2,
  // One more try: a call on a loaded two-core machine now and then misses a bound by a little. A test
  // that passes only on its retry is counted flaky in `npm test`'s summary, its failure printed above.
  retries: 1,
  forbidOnly: process.env.CI === 'true',
  reporter: [['list'], ['json', { outputFile: `test-results/${run}.json` }]],
  use: {
    viewport: { width: 1920, height: 1080 },
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'chromium', testIgnore: /electron\/|faults\// },
    // Network faults and the ledger measured across them run one at a time after the rest (`npm test`
    // runs them on their own): on two cores, another call in parallel starves the pages and reads as
    // stalls that are not the network's.
    { name: 'faults', testMatch: /faults\/.*\.spec\.ts/, workers: 1, dependencies: ['chromium'] },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
});
