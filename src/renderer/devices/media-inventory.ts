import type { MediaDevice } from '../../shared/contract/devices';

const kinds: ReadonlySet<string> = new Set(['videoinput', 'audioinput', 'audiooutput']);

/**
 * What `enumerateDevices()` lists, in the contract's shape. Labels stay hidden until the page may
 * use media; asking once for each kind grants that (the kiosk's permission policy allows only its
 * own page), and the tracks stop at once: main, not this, picks what the kiosk uses.
 */
export async function listMediaDevices(): Promise<MediaDevice[]> {
  let listed = await navigator.mediaDevices.enumerateDevices();
  if (listed.some((device) => device.label === '')) {
    for (const constraints of [{ audio: true }, { video: true }]) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        for (const track of stream.getTracks()) track.stop();
      } catch {
        // A kind with no device, or refused: its entries stay unlabelled and main counts them absent.
      }
    }
    listed = await navigator.mediaDevices.enumerateDevices();
  }
  return listed
    .filter((device) => kinds.has(device.kind))
    .slice(0, 64)
    .map((device) => ({
      kind: device.kind as MediaDevice['kind'],
      deviceId: device.deviceId.slice(0, 500),
      label: device.label.slice(0, 200),
      groupId: device.groupId.slice(0, 500),
    }));
}
