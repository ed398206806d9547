import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium, expect, test } from '@playwright/test';
import { startPreviewHost, type PreviewProcess } from '../support/preview-process';

// The kiosk OS session as its systemd unit describes it, run headless: the unit's cage command line
// (wlroots' headless backend instead of a screen, its output turned so that cage composites every frame:
// see Session.start) showing Debian Chromium in kiosk mode on the preview
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
    // `-r -r` turns the headless output by 180° (grim turns its image upright again from wl_output's
    // transform), so cage composites every frame instead of scanning out the app's buffer directly.
    // Why: cage 0.1.4 scans out the one surface of an output-sized window as the output's buffer
    // (output.c scan_out_primary_view; its surface count never counts, `n++` moves the pointer, so
    // not even subsurfaces or popups stop it). grim's screencopy then stops the scan-out for one frame and cage composites it,
    // but wlroots 0.15.1's wlr_output_damage adds the damage accumulated while scanning out only for
    // buffers older than one frame (wlr_output_damage_attach_render), so cage finds nothing damaged
    // ("Output isn't damaged but needs a buffer swap", render.c) and re-commits its last composited
    // frame: the app's first 532x129 frame, from before the window was configured to 1280x720. Chromium
    // is not at fault: WAYLAND_DEBUG shows it acks the 1280x720 configure, commits 1280x720 buffers and
    // gets every frame callback. Scan-out needs the surface's transform to equal the output's, which a
    // turned output breaks, while the page's size, layout and pixels stay as they are. Headless only:
    // a kiosk's DRM screen shows what it scans out, and nothing takes screenshots there.
    const command = [...(cage ?? '').split(' '), '-r', '-r', '--', ...app];
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
    // cage is gone, but Chromium may still be writing its profile as it exits after the display went.
    rmSync(this.runtimeDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

let host: PreviewProcess;
let session: Session;
test.beforeAll(async () => {
  host = await startPreviewHost({ KIOSK_PREVIEW_HOST: '127.0.0.1', KIOSK_UNPROVISIONED: 'unavailable' });
  session = new Session(host.url, await freePort());
});
test.afterAll(async () => {
  try {
    await session?.stop();
  } finally {
    await host?.stop();
  }
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
  // On cage's output (grim): the attract screen itself, filling the output. The picture may lag the
  // DOM by a frame or two, so it is polled; a stale frame (as cage re-committed before `-r -r`, see
  // start()) stays stale for good and still fails.
  let coverage: AttractCoverage | undefined;
  await expect
    .poll(
      () => {
        coverage = attractCoverage(decodePng(session.screenshot(shot)));
        return coverage.width === 1280 && coverage.height === 720 && attractFills(coverage);
      },
      { timeout: 15_000, intervals: [500] },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`grim's picture of cage's output is not the attract screen: ${JSON.stringify(coverage)}`, {
        cause: error,
      });
    });
}

/** How much of grim's picture is the attract screen (src/renderer/styles.css), sampled every 4 px. */
interface AttractCoverage {
  width: number;
  height: number;
  /** Share of the output that is not black (cage clears what no window covers to black). */
  lit: number;
  /** Share that is the attract screen's ground: the radial gradient from --panel to --ground. */
  ground: number;
  /** The ground's share in each cell of a 4x4 grid over the output, row by row. */
  groundByCell: number[];
  /** Share that is --accent, the "Touch the screen to begin" button, and where that is. */
  accent: number;
  accentBox: { left: number; right: number; top: number; bottom: number };
}

function attractCoverage(image: ReturnType<typeof decodePng>): AttractCoverage {
  // --ground #0b1b2b (11,27,43) to --panel #13283d (19,40,61), with a little room either side.
  const isGround = ([r = 0, g = 0, b = 0]: number[]): boolean =>
    r >= 5 && r <= 25 && g >= 20 && g <= 46 && b >= 36 && b <= 67 && b > g && g > r;
  // --accent #ffd23f (255,210,63).
  const isAccent = ([r = 0, g = 0, b = 0]: number[]): boolean => r >= 235 && g >= 190 && g <= 225 && b <= 100;
  let samples = 0;
  let lit = 0;
  let ground = 0;
  let accent = 0;
  const cells = Array.from({ length: 16 }, () => ({ samples: 0, ground: 0 }));
  const accentBox = { left: image.width, right: -1, top: image.height, bottom: -1 };
  for (let y = 0; y < image.height; y += 4) {
    for (let x = 0; x < image.width; x += 4) {
      const pixel = image.pixel(x, y);
      const cell = cells[Math.floor((y * 4) / image.height) * 4 + Math.floor((x * 4) / image.width)];
      samples += 1;
      if (cell !== undefined) cell.samples += 1;
      if (pixel.some((channel) => channel > 16)) lit += 1;
      if (isGround(pixel)) {
        ground += 1;
        if (cell !== undefined) cell.ground += 1;
      }
      if (isAccent(pixel)) {
        accent += 1;
        accentBox.left = Math.min(accentBox.left, x);
        accentBox.right = Math.max(accentBox.right, x);
        accentBox.top = Math.min(accentBox.top, y);
        accentBox.bottom = Math.max(accentBox.bottom, y);
      }
    }
  }
  const share = (count: number, of: number): number => Math.round((count / Math.max(of, 1)) * 1000) / 1000;
  return {
    width: image.width,
    height: image.height,
    lit: share(lit, samples),
    ground: share(ground, samples),
    groundByCell: cells.map((cell) => share(cell.ground, cell.samples)),
    accent: share(accent, samples),
    accentBox,
  };
}

/**
 * The attract screen fills the output: nearly all of it lit, most of it the ground's gradient, the
 * ground in every part of the output (no corner left black or showing something else), and the
 * accent-coloured button centred across the output below its middle. Measured on a good 1280x720
 * picture: lit 1.0, ground 0.92, every cell 0.59 or more, accent 0.044 at x 344-936, y 408-484. The
 * stale first frame this replaced: lit 0.076, ground 0 in 14 of the 16 cells, no accent.
 */
function attractFills(coverage: AttractCoverage): boolean {
  const { width, height, accentBox } = coverage;
  const accentCentre = (accentBox.left + accentBox.right) / 2;
  return (
    coverage.lit >= 0.98 &&
    coverage.ground >= 0.8 &&
    coverage.groundByCell.every((share) => share >= 0.4) &&
    coverage.accent >= 0.02 &&
    Math.abs(accentCentre - width / 2) <= width * 0.05 &&
    accentBox.right - accentBox.left >= width * 0.3 &&
    accentBox.top >= height * 0.5 &&
    accentBox.bottom <= height * 0.75
  );
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
  await testInfo.attach('cage output', { path: testInfo.outputPath('cage-restarted.png'), contentType: 'image/png' });
});
