import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, type BenchmarkResult } from './result';

/** The renderer's JavaScript as a kiosk downloads it on first install: every built chunk, gzipped. */
export function runBundleBenchmarks(rendererDir = 'out/renderer'): BenchmarkResult[] {
  const assets = join(rendererDir, 'assets');
  const bytes = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .reduce((total, name) => total + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
  return [{ name: 'bundle.renderer_gzip_kb', value: round(bytes / 1024), unit: 'KiB' }];
}
