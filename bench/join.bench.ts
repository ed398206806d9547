import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import pino from 'pino';
import { startServer } from '../server/start-server';
import { chromiumLaunchOptions } from '../tests/e2e/support/chromium-launch';
import { startPreviewHost, type PreviewProcess } from '../tests/e2e/support/preview-process';
import { median, round, type BenchmarkResult } from './result';

const demo = { inmateId: '100234', pin: '2468', visitId: 'demo-now', visitorCode: 'DEMO-0000-0001' };
/** Requests that belong to a join; heartbeats and deliveries that happen to fall inside are not counted. */
const joinRequests = new Set([
  'visit.join',
  'room.join',
  'transport.create',
  'transport.connect',
  'produce',
  'consume',
  'consumer.resume',
]);

/** What the page marks on the way to the first frame, in milliseconds on its own clock. */
interface JoinMarks {
  touch?: number;
  callScreen?: number;
  joinAnswer?: number;
  transportsConnected?: number;
  firstPacket?: number;
  firstFrame?: number;
}
const phases: Array<[keyof JoinMarks, string]> = [
  ['callScreen', 'call screen'],
  ['joinAnswer', 'join answer'],
  ['transportsConnected', 'transports connected'],
  ['firstPacket', 'first packet'],
  ['firstFrame', 'first frame'],
];

interface JoinRig {
  serverUrl: string;
  kiosk: PreviewProcess;
  /** The kiosk's pages. */
  browser: Browser;
  /** The visitor's page, and the floor's: a browser of its own, as a visitor's phone is (see below). */
  visitorBrowser: Browser;
  /** The server's time in its handlers for the join's requests since the last `resetServerShare`. */
  serverShare(): number;
  resetServerShare(): void;
  close(): Promise<void>;
}

/**
 * From the kiosk's last touch before the call (the pre-call notice's acknowledgement) to the first
 * decoded frame of the visitor's video, on loopback through the real SFU, over joins of one open
 * visit that the visitor stays in: fresh sign-ins on a freshly loaded kiosk page, each followed by
 * a rejoin of the same visit by the reloaded page (a renderer restart mid-call, timed from its
 * navigation). Each join prints its phases. The floor is the same camera's video between two
 * peer connections in one page, no SFU and no signalling; the server's share is the time its
 * handlers spent on the join's requests, as it reports them.
 */
export async function runJoinBenchmarks(pairs = 10): Promise<BenchmarkResult[]> {
  const rig = await startJoinRig();
  try {
    const floors = await measureFloor(rig.visitorBrowser, rig.serverUrl, 10);
    const visitor = await rig.visitorBrowser.newPage();
    await visitor.goto(`${rig.serverUrl}/visit/${demo.visitorCode}`);
    await visitor.getByRole('button', { name: 'Join visit' }).click();

    const fresh: number[] = [];
    const rejoins: number[] = [];
    const toCallScreen: number[] = [];
    const serverShares: number[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      const page = await rig.browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await instrument(page);
      await page.goto(rig.kiosk.url);
      const signInMs = await signInAndOpenPrecheck(page);
      rig.resetServerShare();
      const joined = await joinFromTouch(page);
      fresh.push(joined.total);
      toCallScreen.push(joined.marks.callScreen! - joined.marks.touch!);
      serverShares.push(rig.serverShare());
      report(`join ${pair * 2 + 1} (fresh sign-in)`, joined, `sign-in answer ${round(signInMs)}`);

      rig.resetServerShare();
      const rejoined = await rejoinByReload(page);
      rejoins.push(rejoined.total);
      serverShares.push(rig.serverShare());
      report(`join ${pair * 2 + 2} (rejoin)`, rejoined, 'from navigation');

      await leave(page);
      await page.close();
    }
    const all = [...fresh, ...rejoins];
    const floor = median(floors);
    return [
      ...summary('join.first_remote_frame_ms', all),
      ...summary('join.fresh_sign_in_ms', fresh),
      ...summary('join.rejoin_ms', rejoins),
      ...summary('join.acknowledge_to_call_screen_ms', toCallScreen),
      { name: 'join.server_share_ms.median', value: round(median(serverShares)), unit: 'ms' },
      { name: 'join.floor_ms', value: round(floor), unit: 'ms' },
      { name: 'join.floor_ms.max', value: round(Math.max(...floors)), unit: 'ms' },
      { name: 'join.ratio_to_floor', value: round(Math.max(...all) / floor, 2), unit: 'x' },
    ];
  } finally {
    await rig.close();
  }
}

/**
 * The server and a kiosk enrolled with it. The visitor gets a browser of its own: one Chromium's
 * pages share one capture device, and the kiosk's camera opening and closing stalls every camera
 * track in that browser for up to 1.5 s, which made every other join here wait ~2 s for the
 * visitor's keyframe. A visitor's camera is never the kiosk's.
 */
async function startJoinRig(): Promise<JoinRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-join-'));
  let share = 0;
  const log = pino(
    { level: 'debug' },
    {
      write: (line: string) => {
        const entry = JSON.parse(line) as { msg?: string; request?: string; durationMs?: number };
        if (entry.msg === 'request answered' && entry.request !== undefined && joinRequests.has(entry.request)) {
          share += entry.durationMs ?? 0;
        }
      },
    },
  );
  const server = await startServer({ port: 0, dataDir, visitorDir: 'out/server/visitor', log, demo: true });
  const kiosk = await startPreviewHost({ KIOSK_SERVER_URL: server.url, KIOSK_ENROLMENT_CODE: 'DEMO-KIOSK-2468' });
  const browser = await chromium.launch(chromiumLaunchOptions);
  const visitorBrowser = await chromium.launch(chromiumLaunchOptions);
  return {
    serverUrl: server.url,
    kiosk,
    browser,
    visitorBrowser,
    serverShare: () => share,
    resetServerShare: () => (share = 0),
    close: async () => {
      await browser.close();
      await visitorBrowser.close();
      await kiosk.stop();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs the demo inmate in and opens the visit's pre-call notice; resolves with the sign-in's answer time. */
async function signInAndOpenPrecheck(page: Page): Promise<number> {
  await contract(page, 'kiosk.begin', {});
  const signInMs = await contract(page, 'session.signIn', { inmateId: demo.inmateId, pin: demo.pin });
  await page.getByRole('listitem').filter({ hasText: 'Angela' }).getByRole('button', { name: 'Start visit' }).click();
  // The person sees themselves before acknowledging the notice: the camera is up by the touch.
  await page.waitForFunction(() => {
    const self = document.querySelector<HTMLVideoElement>('video.precheck-self');
    return self !== null && self.readyState >= 2;
  });
  return signInMs;
}

async function joinFromTouch(page: Page): Promise<{ total: number; marks: JoinMarks }> {
  await page.evaluate(() => {
    const marks = (window as unknown as { __join: JoinMarks }).__join;
    for (const key of Object.keys(marks)) delete marks[key as keyof JoinMarks];
  });
  // The join starts with this touch: the notice before it is the person's own time.
  await page.getByRole('button', { name: 'I understand' }).click();
  const marks = await firstFrameMarks(page);
  return { total: marks.firstFrame! - marks.touch!, marks };
}

/** The renderer restarts mid-call: main keeps the call, and the reloaded page joins the same visit again. */
async function rejoinByReload(page: Page): Promise<{ total: number; marks: JoinMarks }> {
  await page.reload();
  const marks = await firstFrameMarks(page);
  return { total: marks.firstFrame!, marks: { ...marks, touch: 0 } };
}

async function firstFrameMarks(page: Page): Promise<JoinMarks> {
  const handle = await page.waitForFunction(
    () => {
      const marks = (window as unknown as { __join: JoinMarks }).__join;
      return marks.firstFrame === undefined ? false : { ...marks };
    },
    undefined,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as JoinMarks;
}

/** Out of the call without ending the visit, as a failed call leaves it, so the same visit can be joined again. */
async function leave(page: Page): Promise<void> {
  await contract(page, 'visit.end', { visitId: demo.visitId, reason: 'failed' });
  await contract(page, 'session.signOut', {});
  await page.getByRole('button', { name: /touch the screen to begin/i }).waitFor();
}

function report(label: string, { total, marks }: { total: number; marks: JoinMarks }, first: string): void {
  const start = marks.touch ?? 0;
  const steps = phases
    .filter(([key]) => marks[key] !== undefined)
    .map(([key, name]) => `${name} ${round(marks[key]! - start)}`);
  process.stderr.write(`  ${label}: ${round(total)} ms (${[first, ...steps].join(', ')})\n`);
}

function summary(name: string, values: number[]): BenchmarkResult[] {
  const sorted = [...values].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)]!;
  return [
    { name: `${name}.median`, value: round(median(values)), unit: 'ms' },
    { name: `${name}.p90`, value: round(p90), unit: 'ms' },
    { name: `${name}.max`, value: round(Math.max(...values)), unit: 'ms' },
  ];
}

/**
 * The kiosk page's marks: the touch, the call screen drawn, the room's answer to the join and both
 * transports connected (from the call's `[call]` trace lines), the visitor's first video packet (its
 * track unmutes) and the first frame its video element presents.
 */
async function instrument(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const marks: JoinMarks = {};
    (window as unknown as { __join: JoinMarks }).__join = marks;
    const mark = (name: keyof JoinMarks): void => void (marks[name] ??= performance.now());
    document.addEventListener('click', () => (marks.touch = performance.now()), { capture: true });

    const connected = new Set<string>();
    const info = console.info.bind(console);
    console.info = (...args: unknown[]) => {
      const [line] = args;
      if (typeof line === 'string') {
        if (line.startsWith('[call] joined as')) mark('joinAnswer');
        const transport = /^\[call\] (send|recv) transport connected/.exec(line);
        if (transport !== null) {
          connected.add(transport[1]!);
          if (connected.size === 2) mark('transportsConnected');
        }
        if (line.startsWith('[call] joining')) connected.clear();
      }
      info(...args);
    };

    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        // mediasoup-client's bandwidth probe is a video track too, with mid `probator`.
        this.addEventListener('track', ({ track, transceiver }) => {
          if (track.kind === 'video' && transceiver.mid !== 'probator') {
            track.addEventListener('unmute', () => mark('firstPacket'), { once: true });
          }
        });
      }
    };

    const watched = new WeakSet<HTMLVideoElement>();
    new MutationObserver(() => {
      if (document.querySelector('.screen.call') !== null) mark('callScreen');
      for (const video of document.querySelectorAll<HTMLVideoElement>('video[aria-label^="Video of"]')) {
        if (watched.has(video)) continue;
        watched.add(video);
        video.requestVideoFrameCallback(() => mark('firstFrame'));
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/**
 * The floor: the fake camera's video from one RTCPeerConnection to another in the same page,
 * connected directly, from the offer to the first frame the receiving video element presents.
 */
async function measureFloor(browser: Browser, origin: string, runs: number): Promise<number[]> {
  const page = await browser.newPage();
  // Any page of a loopback origin: the camera needs a secure context, which loopback is.
  await page.goto(`${origin}/no-such-page`);
  const times: number[] = [];
  try {
    for (let run = 0; run < runs; run++) times.push(await page.evaluate(directCallFirstFrame));
  } finally {
    await page.close();
  }
  return times;
}

async function directCallFirstFrame(): Promise<number> {
  const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  sender.onicecandidate = ({ candidate }) => void (candidate && receiver.addIceCandidate(candidate));
  receiver.onicecandidate = ({ candidate }) => void (candidate && sender.addIceCandidate(candidate));
  const video = document.createElement('video');
  video.muted = true;
  document.body.append(video);
  const firstFrame = new Promise<number>((resolve) => {
    receiver.ontrack = ({ streams }) => {
      video.srcObject = streams[0] ?? null;
      void video.play();
      video.requestVideoFrameCallback(() => resolve(performance.now()));
    };
  });
  const started = performance.now();
  for (const track of camera.getTracks()) sender.addTrack(track, camera);
  await sender.setLocalDescription();
  await receiver.setRemoteDescription(sender.localDescription!);
  await receiver.setLocalDescription();
  await sender.setRemoteDescription(receiver.localDescription!);
  const elapsed = (await firstFrame) - started;
  sender.close();
  receiver.close();
  video.remove();
  for (const track of camera.getTracks()) track.stop();
  return elapsed;
}

/** Speaks the kiosk contract over the preview host's socket, as the renderer does; resolves with the answer's time. */
async function contract(page: Page, channel: string, payload: unknown): Promise<number> {
  return page.evaluate(
    ([channel, payload]) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(new URL('/contract', location.href).toString().replace(/^http/, 'ws'));
        let sentAt = 0;
        socket.onopen = () => {
          sentAt = performance.now();
          socket.send(JSON.stringify({ type: 'request', id: 1, channel, payload }));
        };
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string; ok?: boolean };
          if (frame.type !== 'response') return;
          socket.close();
          if (frame.ok === true) resolve(performance.now() - sentAt);
          else reject(new Error(`${String(channel)} refused: ${String(event.data)}`));
        };
      }),
    [channel, payload] as const,
  );
}
