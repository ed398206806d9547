import type { Page } from '@playwright/test';
import { startCall } from './support/call-session';
import { checkScreen, kioskViewports } from './support/screens';
import { demo, expect, test } from './support/visitation';

/** Where the visitor's picture is drawn inside its element (object-fit contain), and the self view's box. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const remote = document.querySelector<HTMLVideoElement>('.remote-video');
    const self = document.querySelector<HTMLElement>('.self-view');
    if (remote === null || self === null) throw new Error('no call stage');
    const box = remote.getBoundingClientRect();
    const scale = Math.min(box.width / remote.videoWidth, box.height / remote.videoHeight);
    const [x = '50%', y = '50%'] = getComputedStyle(remote).objectPosition.split(' ');
    const share = (value: string): number => Number.parseFloat(value) / 100;
    const width = remote.videoWidth * scale;
    const height = remote.videoHeight * scale;
    const left = box.left + (box.width - width) * share(x);
    const top = box.top + (box.height - height) * share(y);
    const selfBox = self.getBoundingClientRect();
    return {
      stage: { top: box.top, bottom: box.bottom, width: window.innerWidth },
      picture: { left, top, right: left + width, bottom: top + height },
      self: { left: selfBox.left, top: selfBox.top, right: selfBox.right, bottom: selfBox.bottom },
    };
  });
}

async function joinCall(
  browser: Parameters<typeof startCall>[0],
  server: { visitorLink(code: string): string },
  kioskUrl: string,
) {
  const call = await startCall(browser, {
    kioskUrl,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
    kioskInOwnContext: true,
  });
  await expect
    .poll(() =>
      call.kioskPage.evaluate(() => document.querySelector<HTMLVideoElement>('.remote-video')?.videoWidth ?? 0),
    )
    .toBeGreaterThan(0);
  return call;
}

// A call, axe and screenshots at two sizes: more than the default test time on a loaded two-core machine.
test.describe.configure({ timeout: 180_000 });

test.describe('a camera above the middle of the screen (the default)', () => {
  test('the visitor’s picture, as large as it fits, touches the top under the camera; the self view sits in a bottom corner and moves by touch or key', async ({
    browser,
    server,
    kiosk,
  }, testInfo) => {
    const { kioskPage } = await joinCall(browser, server, kiosk.url);
    for (const viewport of kioskViewports) {
      await kioskPage.setViewportSize(viewport);
      const { stage, picture, self } = await layout(kioskPage);
      expect(picture.top).toBeCloseTo(stage.top, 0);
      expect((picture.left + picture.right) / 2).toBeCloseTo(stage.width / 2, 0);
      // As large as it fits: the picture fills the stage's height or its width.
      expect(
        Math.max(picture.bottom - picture.top - (stage.bottom - stage.top), picture.right - picture.left - stage.width),
      ).toBeGreaterThan(-2);
      expect(self.left).toBeGreaterThan(stage.width / 2);
      expect(self.top).toBeGreaterThan((stage.top + stage.bottom) / 2);
    }
    await checkScreen(kioskPage, testInfo, 'call-camera-top-center');

    const move = kioskPage.getByRole('button', { name: 'Move my picture' });
    await move.click();
    let moved = await layout(kioskPage);
    expect(moved.self.right).toBeLessThan(moved.stage.width / 2);
    expect(moved.self.top).toBeGreaterThan((moved.stage.top + moved.stage.bottom) / 2);
    await checkScreen(kioskPage, testInfo, 'call-self-moved');

    // From the keyboard: the button keeps the focus, and each press takes the next corner.
    await move.focus();
    await kioskPage.keyboard.press('Enter');
    moved = await layout(kioskPage);
    expect(moved.self.left).toBeGreaterThan(moved.stage.width / 2);
    expect(moved.self.top).toBeLessThan((moved.stage.top + moved.stage.bottom) / 2);
    await expect(move).toBeFocused();
    await kioskPage.keyboard.press('Space');
    moved = await layout(kioskPage);
    expect(moved.self.left).toBeGreaterThan(moved.stage.width / 2);
    expect(moved.self.top).toBeGreaterThan((moved.stage.top + moved.stage.bottom) / 2);
  });
});

test.describe('a camera under the screen, as provisioned', () => {
  test.use({ kioskEnv: { KIOSK_CAMERA_POSITION: 'bottom_center' } });

  test('the picture sits on the bottom of the stage, just above the bar, and the self view in a top corner', async ({
    browser,
    server,
    kiosk,
  }, testInfo) => {
    const { kioskPage } = await joinCall(browser, server, kiosk.url);
    for (const viewport of kioskViewports) {
      await kioskPage.setViewportSize(viewport);
      const { stage, picture, self } = await layout(kioskPage);
      expect(picture.bottom).toBeCloseTo(stage.bottom, 0);
      expect(self.left).toBeGreaterThan(stage.width / 2);
      expect(self.top).toBeLessThan((stage.top + stage.bottom) / 2);
      // Below the language and text-size buttons at the top right.
      const toolbar = await kioskPage.getByRole('button', { name: 'Larger text' }).boundingBox();
      expect(self.top).toBeGreaterThan((toolbar?.y ?? Infinity) + (toolbar?.height ?? 0));
    }
    await checkScreen(kioskPage, testInfo, 'call-camera-bottom-center');
  });
});
