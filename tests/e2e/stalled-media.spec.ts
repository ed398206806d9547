import type { Page } from '@playwright/test';
import { startCall, waitForNewFrames } from './support/call-session';
import { demo, expect, test } from './support/visitation';

/** Stops or resumes what the page sends (of one kind, or all), leaving its connections (and their ICE) up. */
async function setSending(page: Page, sending: boolean, kind?: 'audio' | 'video'): Promise<void> {
  await page.evaluate(
    async ({ sending, kind }) => {
      const record = window as unknown as {
        __peerConnections: RTCPeerConnection[];
        __heldTracks?: Map<RTCRtpSender, MediaStreamTrack>;
      };
      record.__heldTracks ??= new Map();
      for (const connection of record.__peerConnections) {
        if (connection.connectionState === 'closed') continue;
        for (const sender of connection.getSenders()) {
          const senderKind = sender.track?.kind ?? record.__heldTracks.get(sender)?.kind;
          if (kind !== undefined && senderKind !== kind) continue;
          if (sending) {
            const track = record.__heldTracks.get(sender);
            if (track !== undefined) await sender.replaceTrack(track);
          } else if (sender.track !== null) {
            record.__heldTracks.set(sender, sender.track);
            await sender.replaceTrack(null);
          }
        }
      }
    },
    { sending, kind },
  );
}

const peerConnectionCount = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections.length);

test('media that stops while the connection stays up shows as reconnecting, and the kiosk rebuilds the call', async ({
  browser,
  server,
  kiosk,
}) => {
  const call = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
  });
  const { kioskPage, visitorPage } = call;
  const connectionsBefore = await peerConnectionCount(kioskPage);

  // The visitor's browser stops sending; ICE and the socket notice nothing.
  await setSending(visitorPage, false);
  await expect(kioskPage.getByRole('status')).toHaveText(/Reconnecting/, { timeout: 5000 });
  await expect(kioskPage.locator('.remote-video')).toHaveClass(/stale/);
  // After 8 s of that the kiosk rebuilds the call: a new Device, new transports.
  await expect.poll(() => peerConnectionCount(kioskPage), { timeout: 20_000 }).toBeGreaterThan(connectionsBefore);

  await setSending(visitorPage, true);
  await waitForNewFrames(kioskPage, 20_000);
  await expect(kioskPage.getByRole('status')).toHaveCount(0);
  await expect(kioskPage.locator('.remote-video')).not.toHaveClass(/stale/);
});

test('a picture that freezes while the sound still arrives is not shown as live, and the kiosk rebuilds the call', async ({
  browser,
  server,
  kiosk,
}) => {
  const call = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
  });
  const { kioskPage, visitorPage } = call;
  const connectionsBefore = await peerConnectionCount(kioskPage);

  // Only the visitor's video stops: packets keep arriving, so a packet count alone would call this live.
  await setSending(visitorPage, false, 'video');
  await expect(kioskPage.getByRole('status')).toHaveText(/picture from Angela R\. stopped\. Reconnecting the video/, {
    timeout: 5000,
  });
  await expect(kioskPage.locator('.remote-video')).toHaveClass(/stale/);
  // The sound keeps the stall rule quiet, so only the frozen picture's rule (3 s of it) rebuilds the call.
  await expect.poll(() => peerConnectionCount(kioskPage), { timeout: 15_000 }).toBeGreaterThan(connectionsBefore);

  await setSending(visitorPage, true, 'video');
  await waitForNewFrames(kioskPage, 20_000);
  await expect(kioskPage.getByRole('status')).toHaveCount(0);
  await expect(kioskPage.locator('.remote-video')).not.toHaveClass(/stale/);
});
