import type { Page } from '@playwright/test';
import type { ScheduledVisit } from '../../src/shared/protocol/http';
import { startCall } from './support/call-session';
import { demo, expect, signIn, test, watchPeerConnections } from './support/visitation';

// What the send plan (`src/shared/call/send-plan.ts`) makes of a real call on loopback: Chromium's
// fake camera opens at the size asked, the kiosk sends three simulcast layers, and with the
// bandwidth loopback has the SFU forwards the top one to the visitor.

interface SendLayer {
  rid: string;
  frameHeight: number;
  framesPerSecond: number;
  qualityLimitationReason: string;
}

interface SendView {
  layers: SendLayer[];
  /** The sending audio codec's negotiated format line (`useinbandfec=1` is Opus FEC). */
  audioFmtp: string;
  /** What the video senders were told to give up first; '' where none was set. */
  degradation: string[];
  /** The video senders' layers' scalability modes, as set. */
  modes: string[];
}

/** In the page: its outgoing video layers by rid, and the audio codec it sends with. */
async function sent(page: Page): Promise<SendView> {
  return page.evaluate(async () => {
    const view = { layers: [] as SendLayer[], audioFmtp: '', degradation: [] as string[], modes: [] as string[] };
    for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (connection.connectionState === 'closed') continue;
      for (const sender of connection.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        const parameters = sender.getParameters();
        view.degradation.push(parameters.degradationPreference ?? '');
        for (const encoding of parameters.encodings) {
          view.modes.push((encoding as { scalabilityMode?: string }).scalabilityMode ?? '');
        }
      }
      const report = await connection.getStats();
      report.forEach((entry: Record<string, unknown>) => {
        if (entry['type'] !== 'outbound-rtp') return;
        if (entry['kind'] === 'video' && typeof entry['rid'] === 'string') {
          view.layers.push({
            rid: entry['rid'],
            frameHeight: Number(entry['frameHeight'] ?? 0),
            framesPerSecond: Number(entry['framesPerSecond'] ?? 0),
            qualityLimitationReason: String(entry['qualityLimitationReason'] ?? ''),
          });
        }
        if (entry['kind'] === 'audio' && typeof entry['codecId'] === 'string') {
          const codec = report.get(entry['codecId']) as { sdpFmtpLine?: string } | undefined;
          view.audioFmtp = codec?.sdpFmtpLine ?? '';
        }
      });
    }
    view.layers.sort((a, b) => a.rid.localeCompare(b.rid));
    return view;
  });
}

/** In the page: the height of the remote video it decodes now, and its frame rate. */
async function receivedVideo(page: Page): Promise<{ height: number; fps: number }> {
  return page.evaluate(async () => {
    let best = { height: 0, fps: 0 };
    for (const connection of (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections) {
      if (connection.connectionState === 'closed') continue;
      const report = await connection.getStats();
      report.forEach((entry: Record<string, unknown>) => {
        if (entry['type'] !== 'inbound-rtp' || entry['kind'] !== 'video') return;
        const height = Number(entry['frameHeight'] ?? 0);
        if (height > best.height) best = { height, fps: Number(entry['framesPerSecond'] ?? 0) };
      });
    }
    return best;
  });
}

test('the kiosk sends three simulcast layers of a 720p camera and the visitor receives 720p', async ({
  browser,
  server,
  kiosk,
}) => {
  const kioskPage = await browser.newPage();
  const visitorPage = await browser.newPage();
  await watchPeerConnections(kioskPage);
  await watchPeerConnections(visitorPage);
  await kioskPage.goto(kiosk.url);
  await signIn(kioskPage, demo.inmate.id, demo.inmate.pin);
  const visit = kioskPage.getByRole('listitem').filter({ hasText: demo.visits.now.visitor });
  await visit.getByRole('button', { name: 'Start visit' }).click();
  await kioskPage.getByRole('button', { name: 'I understand' }).click();
  await visitorPage.goto(server.visitorLink(demo.visits.now.code));
  await visitorPage.getByRole('button', { name: 'Join visit' }).click();
  await expect(kioskPage.getByRole('button', { name: 'Hang up' })).toBeVisible();

  // The layers appear as the encoder starts them; on a loaded machine the top one may lag.
  await expect
    .poll(async () => (await sent(kioskPage)).layers.map((layer) => layer.rid), { timeout: 20_000 })
    .toEqual(['r0', 'r1', 'r2']);
  const kioskSends = await sent(kioskPage);
  expect(kioskSends.audioFmtp).toContain('useinbandfec=1');
  // A standard visit leaves the browser's own balance between frame rate and resolution.
  expect(kioskSends.degradation).toEqual(['']);
  expect(kioskSends.modes).toEqual(['L1T3', 'L1T3', 'L1T3']);
  // The visitor page uses the same plan.
  await expect
    .poll(async () => (await sent(visitorPage)).layers.map((layer) => layer.rid), { timeout: 20_000 })
    .toEqual(['r0', 'r1', 'r2']);

  // mediasoup starts each receiver at 1 Mbps (the 360p layer) and probes up to the top layer.
  const probing = Date.now();
  await expect
    .poll(async () => (await receivedVideo(visitorPage)).height, { timeout: 30_000, intervals: [500] })
    .toBe(720);
  const layers = (await sent(kioskPage)).layers;
  test.info().annotations.push({
    type: 'layers',
    description: JSON.stringify({
      secondsTo720p: (Date.now() - probing) / 1000,
      kiosk: layers,
      visitorReceives: await receivedVideo(visitorPage),
    }),
  });
  expect(layers.map((layer) => layer.frameHeight)).toEqual([180, 360, 720]);
});

test('a visit booked for sign language keeps the frame rate at both ends', async ({ browser, server, kiosk }) => {
  const now = Date.now();
  const booking = await server.admin('visits', {
    inmateId: demo.inmate.id,
    visitor: { firstName: 'Noor', lastName: 'Haddad' },
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + 10 * 60_000).toISOString(),
    signLanguage: true,
  });
  expect(booking.status).toBe(201);
  const visit = (await booking.json()) as ScheduledVisit;
  const { kioskPage, visitorPage } = await startCall(browser, {
    kioskUrl: kiosk.url,
    visitorLink: server.visitorLink(visit.visitorCode),
    visitor: 'Noor H.',
  });
  for (const page of [kioskPage, visitorPage]) {
    await expect
      .poll(async () => (await sent(page)).layers.map((layer) => layer.rid), { timeout: 20_000 })
      .toEqual(['r0', 'r1', 'r2']);
    const view = await sent(page);
    expect(view.degradation).toEqual(['maintain-framerate']);
    // One temporal layer: the SFU can drop resolution, never frames.
    expect(view.modes).toEqual(['L1T1', 'L1T1', 'L1T1']);
  }
  test.info().annotations.push({ type: 'sign-language layers', description: JSON.stringify(await sent(kioskPage)) });
});
