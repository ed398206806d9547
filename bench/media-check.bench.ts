import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import pino from 'pino';
import { openStore } from '../src/main/store/store';
import { enrolPath, enrolResponseSchema } from '../src/shared/protocol/http';
import { startServer } from '../server/start-server';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import { median, round, type BenchmarkResult } from './result';

const runs = 5;
const enrolmentCode = 'DEMO-KIOSK-2468';

/**
 * The network and media check's own duration, `provisioning.media_check_ms`: from the renderer
 * taking the echo room's ticket to its last sample (camera opened, ICE and DTLS through the real
 * SFU on loopback, the echo's first packets, the measuring window), as the check reports it. Each
 * run is a kiosk enrolled and left at the check step (a fresh data folder, as setup's placement
 * leaves it), started, and shown in a fresh page of real Chromium with its fake camera; its check
 * passes and it goes on to done.
 */
export async function runMediaCheckBenchmarks(): Promise<BenchmarkResult[]> {
  const log = pino({ level: 'silent' });
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-media-check-'));
  const server = await startServer({ port: 0, dataDir, visitorDir: 'out/server/visitor', log, demo: true });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const durations: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const fresh = await startPreviewHost();
      await fresh.kill();
      await placedAtCheck(fresh.dataDir, server.url, log);
      const kiosk = await fresh.restart();
      const page = await browser.newPage();
      try {
        await page.goto(kiosk.url);
        await page.getByRole('heading', { name: 'This kiosk is set up' }).waitFor({ timeout: 60_000 });
        const judged = kiosk.logs().find((line) => line['msg'] === 'media check judged' && line['ok'] === true);
        const durationMs = judged?.['durationMs'];
        if (typeof durationMs !== 'number') throw new Error('the kiosk logged no passing check');
        durations.push(durationMs);
        process.stderr.write(`  media check ${run + 1}: ${durationMs} ms over ${String(judged?.['path'])}\n`);
      } finally {
        await page.close();
        await kiosk.stop();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return [
    { name: 'provisioning.media_check_ms (median)', value: round(median(durations)), unit: 'ms' },
    { name: 'provisioning.media_check_ms (max)', value: Math.max(...durations), unit: 'ms' },
    { name: 'provisioning.media_check_runs', value: durations.length, unit: 'runs' },
  ];
}

/** What placement leaves in a kiosk's store: the server, its identity and the step `check`. */
async function placedAtCheck(dir: string, serverUrl: string, log: pino.Logger): Promise<void> {
  const response = await fetch(new URL(enrolPath, serverUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: enrolmentCode }),
  });
  if (response.status !== 201) throw new Error(`enrolment failed: ${response.status}`);
  const enrolled = enrolResponseSchema.parse(await response.json());
  const store = openStore({ dir, log });
  try {
    store.config.set({
      serverUrl,
      serverFingerprint: null,
      kioskId: enrolled.kioskId,
      kioskToken: enrolled.token,
      housingUnit: enrolled.housingUnit.id,
      setupPlacement: { housingUnit: enrolled.housingUnit.name, location: 'Bench dayroom' },
      setupStep: 'check',
    });
  } finally {
    store.close();
  }
}
