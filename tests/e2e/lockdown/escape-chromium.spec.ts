import type { Page } from '@playwright/test';
import { expect, test } from '../support/preview-host';

// The kiosk escape attempts that need no Electron, made in real Chromium against the preview host:
// the page's own guards (src/renderer/lockdown/page-guards.ts) must stop each. The Electron-only
// attempts are in tests/e2e/electron/escape.spec.ts; docs/lockdown.md lists every attempt.

/** Records whether the next `type` event on the page was refused (read after the page's guards ran). */
async function watch(page: Page, type: string): Promise<() => Promise<boolean | undefined>> {
  await page.evaluate((eventType) => {
    const seen = ((window as unknown as { seen?: Record<string, boolean> }).seen ??= {});
    window.addEventListener(eventType, (event) => (seen[eventType] = event.defaultPrevented));
  }, type);
  return () =>
    page.evaluate((eventType) => (window as unknown as { seen?: Record<string, boolean> }).seen?.[eventType], type);
}

async function openAttract(page: Page, url: string) {
  await page.goto(url);
  const begin = page.getByRole('button', { name: /touch the screen to begin/i });
  await expect(begin).toBeVisible();
  return begin;
}

test('the context menu (right click) is refused', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  const refused = await watch(page, 'contextmenu');
  await page.mouse.click(400, 300, { button: 'right' });
  expect(await refused()).toBe(true);
});

test('text cannot be selected, by triple click or Ctrl+A', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  await page.mouse.click(960, 540, { clickCount: 3 });
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
  await page.keyboard.press('Control+a');
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
});

test('nothing can be dragged out of the page', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  const refused = await page.evaluate(() => {
    const event = new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: new DataTransfer() });
    document.querySelector('button')?.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(refused).toBe(true);
});

test('a file or a link dropped on the page is refused and the app stays', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  const refused = await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['<h1>not the kiosk</h1>'], 'escape.html', { type: 'text/html' }));
    data.setData('text/uri-list', 'https://example.com/');
    const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data });
    const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data });
    document.body.dispatchEvent(over);
    document.body.dispatchEvent(drop);
    return [over.defaultPrevented, drop.defaultPrevented];
  });
  expect(refused).toEqual([true, true]);
  expect(page.url()).toBe(kiosk.url.endsWith('/') ? kiosk.url : `${kiosk.url}/`);
});

test('Ctrl+wheel zoom is refused', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  const refused = await watch(page, 'wheel');
  await page.mouse.move(960, 540);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -400);
  await page.keyboard.up('Control');
  await expect.poll(refused).toBe(true);
  expect(await page.evaluate(() => window.visualViewport?.scale)).toBe(1);
});

test('a two-finger pinch does not zoom the kiosk', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((p, id) => ({ ...p, id })) });
  const refused = await watch(page, 'touchmove');
  await touch('touchStart', [
    { x: 900, y: 540 },
    { x: 1020, y: 540 },
  ]);
  await touch('touchMove', [
    { x: 700, y: 540 },
    { x: 1220, y: 540 },
  ]);
  await touch('touchEnd', []);
  expect(await refused()).toBe(true);
  expect(await page.evaluate(() => window.visualViewport?.scale)).toBe(1);
});

for (const [what, href, target] of [
  ['target=_blank', 'https://example.com/', '_blank'],
  ['another origin', 'https://example.com/', ''],
  ['file:', 'file:///etc/passwd', ''],
  ['data:', 'data:text/html,<h1>escape</h1>', ''],
  ['mailto:', 'mailto:someone@example.com', ''],
  ['a custom scheme', 'ms-settings:network', ''],
] as const) {
  test(`a link to ${what} does not leave the app`, async ({ page, kiosk }) => {
    await openAttract(page, kiosk.url);
    const popups: string[] = [];
    page.on('popup', (popup) => popups.push(popup.url()));
    const before = page.url();
    await page.evaluate(
      ({ linkHref, linkTarget }) => {
        const link = document.createElement('a');
        link.href = linkHref;
        link.target = linkTarget;
        link.textContent = 'escape';
        link.style.cssText = 'position:fixed;top:0;left:0;z-index:9999;font-size:40px';
        document.body.append(link);
      },
      { linkHref: href, linkTarget: target },
    );
    await page.getByText('escape', { exact: true }).click();
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect(popups).toEqual([]);
  });
}

test('window.open opens nothing', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  const popups: string[] = [];
  page.on('popup', (popup) => popups.push(popup.url()));
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  await page.waitForTimeout(300);
  expect(popups).toEqual([]);
});

test('a file input opens no file picker', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  let pickers = 0;
  page.on('filechooser', () => (pickers += 1));
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.setAttribute('aria-label', 'pick a file');
    input.style.cssText = 'position:fixed;top:0;left:0;z-index:9999;width:300px;height:60px';
    document.body.append(input);
  });
  await page.getByLabel('pick a file').click();
  await page.waitForTimeout(300);
  expect(pickers).toBe(0);
});

test('print is refused from script and from Ctrl+P', async ({ page, kiosk }) => {
  await openAttract(page, kiosk.url);
  const refused = await watch(page, 'keydown');
  await page.keyboard.press('Control+p');
  expect(await refused()).toBe(true);
  const printed = await page.evaluate(() => {
    let before = false;
    window.addEventListener('beforeprint', () => (before = true));
    window.print();
    return before;
  });
  expect(printed).toBe(false);
});

test('the screens a person reaches carry no link away and no file input', async ({ page, kiosk }) => {
  const begin = await openAttract(page, kiosk.url);
  const count = () => page.locator('a[href], input[type=file], iframe, embed, object').count();
  expect(await count()).toBe(0);
  await begin.click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await count()).toBe(0);
});
