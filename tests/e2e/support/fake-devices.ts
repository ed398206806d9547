import type { Page } from '@playwright/test';

/** What a test does to the page's media devices, from outside the app. */
export interface DeviceControl {
  /** The device kind leaves `enumerateDevices`, its open tracks end, and `devicechange` fires. */
  unplug(kind: MediaDeviceKind): Promise<void>;
  /** The device kind is listed again and `devicechange` fires. */
  plug(kind: MediaDeviceKind): Promise<void>;
}

/**
 * Playwright cannot add or remove a device (microsoft/playwright#17183), so this stands at the
 * browser's boundary instead: an init script filters `enumerateDevices`, refuses `getUserMedia` for
 * an unplugged kind as Chromium does (NotFoundError), ends the tracks of a device that goes and
 * fires `devicechange`. The app's code above it is the real one, with Chromium's fake devices.
 */
export async function controlDevices(page: Page): Promise<DeviceControl> {
  await page.addInitScript(() => {
    const media = navigator.mediaDevices;
    const enumerate = media.enumerateDevices.bind(media);
    const open = media.getUserMedia.bind(media);
    const unplugged = new Set<string>();
    const tracks: MediaStreamTrack[] = [];
    const trackKind = (kind: string): string => (kind === 'videoinput' ? 'video' : 'audio');
    media.enumerateDevices = async () => (await enumerate()).filter((device) => !unplugged.has(device.kind));
    media.getUserMedia = async (constraints) => {
      const wants = (kind: 'video' | 'audio'): boolean =>
        constraints?.[kind] !== undefined && constraints[kind] !== false;
      if ((wants('video') && unplugged.has('videoinput')) || (wants('audio') && unplugged.has('audioinput'))) {
        throw new DOMException('Requested device not found', 'NotFoundError');
      }
      const stream = await open(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
    (window as unknown as { __devices: unknown }).__devices = {
      unplug(kind: string) {
        unplugged.add(kind);
        for (const track of tracks) {
          if (track.kind !== trackKind(kind) || track.readyState !== 'live') continue;
          // What Chromium does when a device goes: the track stops and says so.
          track.stop();
          track.dispatchEvent(new Event('ended'));
        }
        media.dispatchEvent(new Event('devicechange'));
      },
      plug(kind: string) {
        unplugged.delete(kind);
        media.dispatchEvent(new Event('devicechange'));
      },
    };
  });
  type Devices = { __devices: { unplug(kind: string): void; plug(kind: string): void } };
  return {
    unplug: (kind) => page.evaluate((gone) => (window as unknown as Devices).__devices.unplug(gone), kind),
    plug: (kind) => page.evaluate((back) => (window as unknown as Devices).__devices.plug(back), kind),
  };
}
