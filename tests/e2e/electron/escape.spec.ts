import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../../scripts/electron-binary.mjs';

// The kiosk escape suite against the real Electron kiosk: every attempt must leave the one kiosk
// window fullscreen on the app's own page, with no other window, dialog, download or DevTools.
// docs/lockdown.md lists each attempt, where it is stopped and the unit test of that decision.
const binary = findElectronBinary();
test.skip(binary.path === undefined, `no Electron binary on this machine: ${binary.reason}`);
test.describe.configure({ mode: 'serial' });

const appUrl = 'app://kiosk/index.html';
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  app = await electron.launch({
    executablePath: binary.path,
    args: ['.'],
    // The attract screen, not first-boot setup, on a kiosk with no server.
    env: { ...process.env, KIOSK_UNPROVISIONED: 'unavailable' },
  });
  page = await app.firstWindow();
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
});
test.afterAll(async () => app?.close());

/** What an escape would change: the window count, its kiosk shape, the page it shows, DevTools. */
async function expectStillLocked(): Promise<void> {
  await page.waitForTimeout(300);
  const state = await app.evaluate(({ BrowserWindow, webContents }) => {
    const windows = BrowserWindow.getAllWindows();
    const [win] = windows;
    return {
      windows: windows.length,
      contents: webContents.getAllWebContents().filter((contents) => !contents.isDestroyed()).length,
      kiosk: win?.isKiosk(),
      fullScreen: win?.isFullScreen(),
      devTools: win?.webContents.isDevToolsOpened(),
      zoom: win?.webContents.getZoomFactor(),
    };
  });
  expect(state).toEqual({ windows: 1, contents: 1, kiosk: true, fullScreen: true, devTools: false, zoom: 1 });
  expect(page.url()).toBe(appUrl);
}

const shortcuts = [
  'Alt+F4',
  'Control+w',
  'Control+q',
  'Control+r',
  'Control+Shift+r',
  'F5',
  'F11',
  'F12',
  'Control+Shift+i',
  'Control+Shift+j',
  'Control+Shift+c',
  'Control+p',
  'Control+n',
  'Control+t',
  'Control+l',
  'Control+o',
  'Control+s',
  'Control+Equal',
  'Control+Minus',
  'Alt+Tab',
  'Alt+Home',
  'Control+Alt+F2',
  'Control+Alt+Delete',
  'Meta+d',
  'Escape',
];
for (const shortcut of shortcuts) {
  test(`keyboard ${shortcut} does nothing`, async () => {
    await page.keyboard.press(shortcut);
    await expectStillLocked();
  });
}

for (const [what, url] of [
  ['another origin', 'https://example.com/'],
  ['file:', 'file:///etc/passwd'],
  ['data:', 'data:text/html,<h1>escape</h1>'],
  ['javascript:', 'javascript:alert(1)'],
  ['mailto:', 'mailto:someone@example.com'],
  ['a custom scheme', 'ms-settings:network'],
  ['chrome:', 'chrome://settings'],
  ['another app: page', 'app://kiosk/other.html'],
] as const) {
  test(`navigation to ${what} is refused`, async () => {
    await page.evaluate((target) => (location.href = target), url).catch(() => undefined);
    await expectStillLocked();
  });
}

test('a redirect to another origin is refused', async () => {
  await page.evaluate(() => fetch('https://example.com/redirect').catch(() => undefined));
  await expectStillLocked();
});

test('window.open and target=_blank open no window', async () => {
  await page.evaluate(() => window.open('https://example.com/'));
  await page.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: 'https://example.com/', target: '_blank' });
    document.body.append(link);
    link.click();
    link.remove();
  });
  await expectStillLocked();
});

test('dropping a file or a link on the window navigates nowhere', async () => {
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['<h1>x</h1>'], 'escape.html', { type: 'text/html' }));
    data.setData('text/uri-list', 'https://example.com/');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
    }
  });
  await expectStillLocked();
});

test('a file input opens no picker', async () => {
  let pickers = 0;
  page.on('filechooser', () => (pickers += 1));
  await page.evaluate(() => {
    const input = Object.assign(document.createElement('input'), { type: 'file' });
    document.body.append(input);
    input.click();
    input.remove();
  });
  await expectStillLocked();
  expect(pickers).toBe(0);
});

test('print from script opens no dialog', async () => {
  await page.evaluate(() => window.print());
  await expectStillLocked();
});

test('the context menu and a long press open nothing', async () => {
  await page.mouse.click(400, 300, { button: 'right' });
  await page.touchscreen.tap(400, 300);
  await expectStillLocked();
});

test('text selection selects nothing', async () => {
  await page.mouse.click(960, 540, { clickCount: 3 });
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
});

test('pinch and Ctrl+wheel leave the zoom at 1', async () => {
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -500);
  await page.keyboard.up('Control');
  await expectStillLocked();
});

test('a download is refused', async () => {
  await page.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: 'data:text/plain,x', download: 'x.txt' });
    document.body.append(link);
    link.click();
    link.remove();
  });
  await expectStillLocked();
});

test('permission prompts are refused without a dialog', async () => {
  const results = await page.evaluate(async () => {
    const ask = async (name: string, request: () => Promise<unknown>) => {
      try {
        await request();
        return `${name}: granted`;
      } catch {
        return `${name}: refused`;
      }
    };
    return Promise.all([
      ask('geolocation', () => new Promise((ok, no) => navigator.geolocation.getCurrentPosition(ok, no))),
      ask('notifications', async () => {
        if ((await Notification.requestPermission()) !== 'granted') throw new Error('refused');
      }),
      ask('clipboard', () => navigator.clipboard.readText()),
      ask('screen capture', () => navigator.mediaDevices.getDisplayMedia()),
    ]);
  });
  expect(results).toEqual([
    'geolocation: refused',
    'notifications: refused',
    'clipboard: refused',
    'screen capture: refused',
  ]);
  await expectStillLocked();
});

test('the HID, serial, USB and Bluetooth pickers stay closed', async () => {
  const results = await page.evaluate(async () => {
    const nav = navigator as unknown as Record<
      string,
      { requestDevice?: (o: unknown) => Promise<unknown>; requestPort?: () => Promise<unknown> }
    >;
    const ask = async (name: string, request: (() => Promise<unknown>) | undefined) => {
      try {
        const result = await request?.();
        return `${name}: ${Array.isArray(result) && result.length === 0 ? 'none' : 'granted'}`;
      } catch {
        return `${name}: refused`;
      }
    };
    return Promise.all([
      ask('hid', () => nav.hid!.requestDevice!({ filters: [] })),
      ask('serial', () => nav.serial!.requestPort!()),
      ask('usb', () => nav.usb!.requestDevice!({ filters: [] })),
      ask('bluetooth', () => nav.bluetooth!.requestDevice!({ acceptAllDevices: true })),
    ]);
  });
  for (const result of results) expect(result).toMatch(/: (refused|none)$/);
  await expectStillLocked();
});

test('DevTools cannot be opened from the page', async () => {
  await page.keyboard.press('Control+Shift+i');
  await page.keyboard.press('F12');
  await expectStillLocked();
});

test('leaving fullscreen puts the window back', async () => {
  await app.evaluate(({ BrowserWindow }) => {
    const [win] = BrowserWindow.getAllWindows();
    win?.setKiosk(false);
    win?.setFullScreen(false);
  });
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isFullScreen()))
    .toBe(true);
  await expectStillLocked();
});

test('closing the window from the OS is refused', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
  await expectStillLocked();
});

test('a crashed renderer comes back on the attract screen', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.forcefullyCrashRenderer());
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible({ timeout: 30_000 });
  await expectStillLocked();
});

test('a hung renderer is crashed and comes back', async () => {
  void page
    .evaluate(() => {
      for (;;) {
        // A page stuck in a loop: main sees `unresponsive` and recovers it.
      }
    })
    .catch(() => undefined);
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible({ timeout: 90_000 });
  await expectStillLocked();
});
