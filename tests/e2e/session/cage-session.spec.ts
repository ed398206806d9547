import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, expect, test } from '@playwright/test';
import { startPreviewHost, type PreviewProcess } from '../support/preview-process';

// The kiosk OS session as its systemd unit describes it, run headless: the unit's cage command line
// (wlroots' headless backend instead of a screen) showing Debian Chromium in kiosk mode on the preview
// host, standing in for the Electron app that does not exist here. No systemd runs as PID 1 on these
// machines, so the test applies the unit's Restart=/RestartSec= itself when the session exits.
const unitFile = 'resources/kiosk-session/systemd/visitation-kiosk.service';
const tools = ['/usr/bin/cage', '/usr/bin/grim', '/usr/bin/Xwayland', '/usr/lib/chromium/chromium'];
const missing = tools.filter((tool) => !existsSync(tool));
test.skip(missing.length > 0, `needs ${missing.join(', ')} (scripts/system-packages.sh installs them)`);
test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const unit = readFileSync(unitFile, 'utf8');
const setting = (key: string): string[] =>
  [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((match) => match[1] ?? '');

/** cage refuses to run as root; an unprivileged account stands in for the unit's `User=kiosk`. */
const asUser = process.getuid?.() === 0 ? { name: 'nobody', uid: 65534 } : undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** The pixels of grim's PNG (8-bit RGB or RGBA, no interlace), enough to look at a screenshot. */
function decodePng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number[] } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const channels = png[25] === 6 ? 4 : 3;
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? (rows[y * stride + x - channels] ?? 0) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] ?? 0) : 0;
      const paeth = (): number => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter ?? 0] ?? 0;
      rows[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => [...rows.subarray(y * stride + x * channels, y * stride + x * channels + 3)],
  };
}

/** The unit's session, started again after RestartSec whenever it exits (Restart=always). */
class Session {
  starts = 0;
  private child: ChildProcess | undefined;
  private stopped = false;
  readonly runtimeDir = mkdtempSync(join(tmpdir(), 'kiosk-cage-'));

  constructor(
    private readonly url: string,
    readonly debugPort: number,
  ) {
    if (asUser !== undefined) chownSync(this.runtimeDir, asUser.uid, asUser.uid);
  }

  start(): void {
    const [cageCommand] = setting('ExecStart');
    const [cage, appPart] = (cageCommand ?? '').split(' -- ');
    expect(appPart, 'the unit runs the kiosk app under cage').toContain('--ozone-platform=wayland');
    const app = [
      '/usr/lib/chromium/chromium',
      '--ozone-platform=wayland',
      '--kiosk',
      '--no-first-run',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // A wall kiosk has its camera and microphone; without them the kiosk rightly shows that it
      // cannot make calls instead of the attract screen.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--user-data-dir=${join(this.runtimeDir, `chromium-${this.starts}`)}`,
      `--remote-debugging-port=${this.debugPort}`,
      this.url,
    ];
    const unitEnv = Object.fromEntries(setting('Environment').map((line) => line.split('=', 2) as [string, string]));
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.runtimeDir,
      XDG_RUNTIME_DIR: this.runtimeDir,
      ...unitEnv,
      WLR_BACKENDS: 'headless',
      WLR_RENDERER: 'pixman',
    };
    const command = [...(cage ?? '').split(' '), '--', ...app];
    const envArgs = Object.entries(env).map(([key, value]) => `${key}=${value}`);
    const argv =
      asUser === undefined
        ? ['env', ...envArgs, ...command]
        : ['runuser', '-u', asUser.name, '--', 'env', ...envArgs, ...command];
    const child = spawn(argv[0] ?? 'env', argv.slice(1), { stdio: 'ignore' });
    this.child = child;
    this.starts += 1;
    const restartMs = Number(setting('RestartSec')[0] ?? '0') * 1000;
    child.once('exit', () => {
      if (!this.stopped && setting('Restart')[0] === 'always')
        setTimeout(() => !this.stopped && this.start(), restartMs);
    });
  }

  /** The app cage runs: its one child (under runuser when the test runs as root). */
  appPid(): number {
    const childrenOf = (pid: number): number[] =>
      spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number);
    let pid = this.child?.pid ?? 0;
    if (asUser !== undefined) pid = childrenOf(pid)[0] ?? 0; // runuser -> env(exec) cage
    const app = childrenOf(pid)[0];
    if (app === undefined) throw new Error('cage has no app running');
    return app;
  }

  /** grim's PNG of cage's output, written where the session's user may write, then copied to `file`. */
  screenshot(file: string): Buffer {
    const shot = join(this.runtimeDir, 'screenshot.png');
    const grim = ['grim', shot];
    const env = { XDG_RUNTIME_DIR: this.runtimeDir, WAYLAND_DISPLAY: 'wayland-0' };
    const argv =
      asUser === undefined
        ? grim
        : ['runuser', '-u', asUser.name, '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...grim];
    const run = spawnSync(argv[0] ?? 'grim', argv.slice(1), { encoding: 'utf8', env: { ...process.env, ...env } });
    if (run.status !== 0) throw new Error(`grim failed: ${run.stderr}`);
    copyFileSync(shot, file);
    return readFileSync(file);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const child = this.child;
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      spawnSync('pkill', ['-TERM', '-P', String(child.pid)]);
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.runtimeDir, { recursive: true, force: true });
  }
}

let host: PreviewProcess;
let session: Session;
test.beforeAll(async () => {
  host = await startPreviewHost({ KIOSK_PREVIEW_HOST: '127.0.0.1', KIOSK_UNPROVISIONED: 'unavailable' });
  session = new Session(host.url, await freePort());
});
test.afterAll(async () => {
  await session?.stop();
  await host?.stop();
});

/** The attract screen is up in the session's browser (by its DOM), whose window is on cage's output. */
async function expectAttractScreen(port: number, shot: string): Promise<void> {
  await expect
    .poll(
      async () => {
        try {
          const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
          const page = browser.contexts()[0]?.pages()[0];
          const shown = (await page?.getByRole('button', { name: /touch the screen to begin/i }).isVisible()) ?? false;
          await browser.close();
          return shown;
        } catch {
          return false;
        }
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe(true);
  // On cage's output (grim): the app's window. wlroots 0.15's headless output fails its output test
  // ("Basic output test failed for HEADLESS-1") and sends no frame callbacks after the first, so the
  // window keeps its first frame at its first size; its content is checked above, through the DOM.
  const image = decodePng(session.screenshot(shot));
  let lit = 0;
  for (let y = 0; y < image.height; y += 2) {
    for (let x = 0; x < image.width; x += 2) lit += image.pixel(x, y).some((channel) => channel > 16) ? 1 : 0;
  }
  expect(lit, "pixels of the app's window on cage's output").toBeGreaterThan(1000);
}

test('cage runs the kiosk session on the headless output and shows the attract screen', async ({}, testInfo) => {
  session.start();
  await expectAttractScreen(session.debugPort, testInfo.outputPath('cage-attract.png'));
  await testInfo.attach('cage output', { path: testInfo.outputPath('cage-attract.png'), contentType: 'image/png' });
});

test('killing the app ends the session, which starts again and shows the attract screen', async ({}, testInfo) => {
  const before = session.starts;
  process.kill(session.appPid(), 'SIGKILL');
  await expect.poll(() => session.starts, { timeout: 30_000 }).toBe(before + 1);
  await expectAttractScreen(session.debugPort, testInfo.outputPath('cage-restarted.png'));
});
