import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/e2e/support/chromium-launch';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: process.env.CI === 'true',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    viewport: { width: 1920, height: 1080 },
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'chromium', testIgnore: /electron\/|faults\// },
    // Network faults and the ledger measured across them run one at a time after the rest: on two
    // cores, another call in parallel starves the pages and reads as stalls that are not the network's.
    { name: 'faults', testMatch: /faults\/.*\.spec\.ts/, workers: 1, dependencies: ['chromium'] },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts/ },
  ],
});
