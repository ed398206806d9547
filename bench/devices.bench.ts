import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { startReferenceServer } from '../scripts/reference-server.mjs';
import { startCall, waitForNewFrames } from '../tests/e2e/support/call-session';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { controlDevices, type DeviceControl } from '../tests/e2e/support/fake-devices';
import { startPreviewHost } from '../tests/e2e/support/preview-process';
import { demo } from '../tests/e2e/support/visitation';
import { median, round, type BenchmarkResult } from './result';

/**
 * From the kiosk's camera coming back after it ended mid-call (listed again, `devicechange`) to the
 * visitor page's first newly decoded frame of it: the device service's report and decision, the
 * renderer opening the provisioned camera, a new producer, the visitor consuming it. Over repeated
 * unplug and replug of one call's camera, at the browser's boundary as the e2e test does it, with
 * the real reference server on loopback.
 */
export async function runDeviceBenchmarks(returns = 8, absentMs = 3000): Promise<BenchmarkResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-devices-'));
  const server = await startReferenceServer(
    { VISITATION_PORT: '0', VISITATION_DATA_DIR: dataDir, VISITATION_LOG_LEVEL: 'warn', VISITATION_DEMO: '1' },
    { echo: false },
  );
  const kiosk = await startPreviewHost({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: server.enrolmentCode });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    let devices: DeviceControl | undefined;
    const { visitorPage } = await startCall(browser, {
      kioskUrl: kiosk.url,
      visitorLink: `${server.url}/visit/${demo.visits.now.code}`,
      visitor: demo.visits.now.visitor,
      prepareKiosk: async (page) => {
        devices = await controlDevices(page);
      },
    });
    if (devices === undefined) throw new Error('the kiosk page has no device control');
    await waitForNewFrames(visitorPage, 20_000);
    const times: number[] = [];
    for (let attempt = 0; attempt < returns; attempt++) {
      await devices.unplug('videoinput');
      await visitorPage.getByText('Camera unavailable', { exact: true }).waitFor();
      await visitorPage.waitForTimeout(absentMs);
      const returned = performance.now();
      await devices.plug('videoinput');
      await waitForNewFrames(visitorPage, 30_000);
      times.push(performance.now() - returned);
      process.stderr.write(`bench: camera return ${attempt + 1}/${returns}: ${Math.round(times.at(-1) ?? 0)} ms\n`);
      await visitorPage.waitForTimeout(1000);
    }
    return [
      { name: 'devices.camera_return_to_video_ms.median', value: round(median(times)), unit: 'ms' },
      { name: 'devices.camera_return_to_video_ms.max', value: round(Math.max(...times)), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    await kiosk.stop();
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
