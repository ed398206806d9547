import type { Browser, Page } from '@playwright/test';
import { startCall, waitForNewFrames } from './support/call-session';
import type { PreviewProcess } from './support/preview-process';
import { callNotice, demo, expect, test, type ReferenceServer } from './support/visitation';

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

interface CallFixtures {
  browser: Browser;
  server: ReferenceServer;
  kiosk: PreviewProcess;
}

/**
 * A call in which the visitor's browser stops sending (media of one kind, or all of it) while ICE and
 * the socket notice nothing: the kiosk must say so (`shown`), dim the picture, rebuild the call by
 * itself (a new Device, new transports), and be live again once the media comes back.
 */
async function stopSendingUntilRebuilt(
  { browser, server, kiosk }: CallFixtures,
  kind: 'audio' | 'video' | undefined,
  shown: RegExp,
): Promise<void> {
  const { kioskPage, visitorPage } = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
  });
  const connectionsBefore = await peerConnectionCount(kioskPage);

  await setSending(visitorPage, false, kind);
  await expect(callNotice(kioskPage)).toHaveText(shown, { timeout: 5000 });
  await expect(kioskPage.locator('.remote-video')).toHaveClass(/stale/);
  await expect.poll(() => peerConnectionCount(kioskPage), { timeout: 20_000 }).toBeGreaterThan(connectionsBefore);

  await setSending(visitorPage, true, kind);
  await waitForNewFrames(kioskPage, 20_000);
  await expect(callNotice(kioskPage)).toHaveCount(0);
  await expect(kioskPage.locator('.remote-video')).not.toHaveClass(/stale/);
}

test('media that stops while the connection stays up shows as reconnecting, and the kiosk rebuilds the call', async ({
  browser,
  server,
  kiosk,
}) => {
  // Nothing arrives: a stall ICE does not see, rebuilt after 8 s of it.
  await stopSendingUntilRebuilt({ browser, server, kiosk }, undefined, /Reconnecting/);
});

test('a picture that freezes while the sound still arrives is not shown as live, and the kiosk rebuilds the call', async ({
  browser,
  server,
  kiosk,
}) => {
  // Only video stops: packets keep arriving, so a packet count alone would call this live and the
  // stall rule would never rebuild; the frozen picture's rule does, after 3 s of it.
  await stopSendingUntilRebuilt(
    { browser, server, kiosk },
    'video',
    /picture from Angela R\. stopped\. Reconnecting the video/,
  );
});
