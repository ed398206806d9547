import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import { median, percentile, round, type BenchmarkResult } from './result';

/** Startup's phases, each from navigation start on the page's own clock. */
interface StartupPhases {
  /** The HTML has arrived. */
  document: number;
  /**
   * The last of the scripts the first screen needs has arrived: the main script (found by its name,
   * `assets/index-*.js`) and the chunks it imports, every script fetched before the bundle ran.
   */
  bundleLoaded: number;
  /** Every module of the bundle has run (`kiosk:bundle-evaluated` in `main.tsx`). */
  bundleEvaluated: number;
  /** The contract's WebSocket to main is open. */
  contractOpen: number;
  /** Main answered the first snapshot request. */
  snapshotAnswered: number;
  /** The attract screen's button is in the page (React rendered it and attached its handler). */
  interactive: number;
}

const phaseNames: ReadonlyArray<keyof StartupPhases> = [
  'document',
  'bundleLoaded',
  'bundleEvaluated',
  'contractOpen',
  'snapshotAnswered',
  'interactive',
];

/** From navigation start to the attract screen being interactive over fresh loads, with each phase on the way. */
export async function runStartupBenchmarks(loads = 20): Promise<BenchmarkResult[]> {
  const host = await startPreviewHost({ KIOSK_UNPROVISIONED: 'unavailable' });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const runs: StartupPhases[] = [];
    for (let load = 0; load < loads; load++) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen = (): boolean => document.querySelector('.attract-target') !== null;
        new MutationObserver((_changes, observer) => {
          if (!seen()) return;
          (window as unknown as { __interactiveAt: number }).__interactiveAt = performance.now();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(host.url);
      await page.getByRole('button', { name: /touch the screen to begin/i }).waitFor();
      const phases = await page.evaluate((): StartupPhases => {
        const mark = (name: string): number => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? Number.NaN;
        const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        const evaluated = mark('kiosk:bundle-evaluated');
        const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) =>
          /\/assets\/[^/]+\.js$/.test(entry.name),
        );
        const main = scripts.find((entry) => /\/assets\/index-[^/]+\.js$/.test(entry.name));
        // Chunks fetched later (screens after the first one) are not part of startup.
        const startup = scripts.filter((entry) => entry.startTime < evaluated);
        return {
          document: navigation?.responseEnd ?? Number.NaN,
          bundleLoaded: main === undefined ? Number.NaN : Math.max(...startup.map((entry) => entry.responseEnd)),
          bundleEvaluated: evaluated,
          contractOpen: mark('kiosk:contract-open'),
          snapshotAnswered: mark('kiosk:snapshot-answered'),
          interactive: (window as unknown as { __interactiveAt: number }).__interactiveAt,
        };
      });
      runs.push(phases);
      process.stderr.write(
        `bench: startup load ${load + 1}/${loads}, ms from navigation: ` +
          `${phaseNames.map((name) => `${name} ${round(phases[name])}`).join(', ')}\n`,
      );
      await context.close();
    }
    // The worst loads beside the median, for every phase: a kiosk that is slow one start in ten is
    // slow for that inmate, and the phase names where the time went.
    return ['interactive' as const, ...phaseNames.filter((name) => name !== 'interactive')].flatMap((name) => {
      const values = runs.map((run) => run[name]);
      return [
        { name: `startup.${name}_ms.median`, value: round(median(values)), unit: 'ms' },
        { name: `startup.${name}_ms.p90`, value: round(percentile(values, 90)), unit: 'ms' },
        { name: `startup.${name}_ms.max`, value: round(percentile(values, 100)), unit: 'ms' },
      ];
    });
  } finally {
    await browser.close();
    await host.stop();
  }
}
