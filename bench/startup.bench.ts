import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import { median, percentile, round, type BenchmarkResult } from './result';

/** Startup's phases, each from navigation start on the page's own clock. */
interface StartupPhases {
  /** The HTML has arrived. */
  document: number;
  /** The bundle's main script has arrived. */
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
        const script = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
          (entry) => entry.initiatorType === 'script' && /\/assets\/index-[^/]+\.js$/.test(entry.name),
        );
        return {
          document: navigation?.responseEnd ?? Number.NaN,
          bundleLoaded: script?.responseEnd ?? Number.NaN,
          bundleEvaluated: mark('kiosk:bundle-evaluated'),
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
    const interactive = runs.map((run) => run.interactive);
    return [
      { name: 'startup.interactive_ms.median', value: round(median(interactive)), unit: 'ms' },
      // The worst load beside the median: a kiosk that is slow one start in ten is slow for that inmate.
      { name: 'startup.interactive_ms.p90', value: round(percentile(interactive, 90)), unit: 'ms' },
      { name: 'startup.interactive_ms.max', value: round(percentile(interactive, 100)), unit: 'ms' },
      ...phaseNames
        .filter((name) => name !== 'interactive')
        .map((name) => ({
          name: `startup.${name}_ms.median`,
          value: round(median(runs.map((run) => run[name]))),
          unit: 'ms',
        })),
    ];
  } finally {
    await browser.close();
    await host.stop();
  }
}
