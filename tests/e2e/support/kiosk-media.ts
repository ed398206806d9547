import type { Page } from '@playwright/test';

// What the kiosk receives of the visitor, read the way a person notices it: sound heard, a picture
// shown. The pages' connections are collected by `watchPeerConnections`.

/** Sums one figure of the page's inbound RTP of one kind over its open connections. */
export async function inbound(
  page: Page,
  kind: 'audio' | 'video',
  field: 'totalAudioEnergy' | 'framesDecoded',
): Promise<number> {
  return page.evaluate(
    async ({ kind, field }) => {
      let total = 0;
      for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
        if (connection.connectionState === 'closed') continue;
        (await connection.getStats()).forEach((entry: Record<string, unknown>) => {
          if (entry['type'] === 'inbound-rtp' && entry['kind'] === kind) total += Number(entry[field] ?? 0);
        });
      }
      return total;
    },
    { kind, field },
  );
}

/** How much the kiosk hears in `ms`: the growth of its received audio energy. */
export async function energyHeard(kioskPage: Page, ms: number): Promise<number> {
  const before = await inbound(kioskPage, 'audio', 'totalAudioEnergy');
  await kioskPage.waitForTimeout(ms);
  return (await inbound(kioskPage, 'audio', 'totalAudioEnergy')) - before;
}

/** The mean brightness (0 to 255) of the picture the kiosk shows of the visitor. */
export async function pictureBrightness(kioskPage: Page): Promise<number> {
  return kioskPage.locator('video.remote-video').evaluate((video: HTMLVideoElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d');
    if (context === null || video.videoWidth === 0) return -1;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
    return sum / (data.length / 4);
  });
}
