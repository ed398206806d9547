import type { Page } from '@playwright/test';
import { startCall, type Call } from '../tests/e2e/support/call-session';
import { demo } from '../tests/e2e/support/visitation';
import { withFaultRig, type FaultRig } from './fault-rig';
import { busyPercent, loadAverage, readCpu, readRtp, type CpuReading, type RtpReading } from './quality-stats';
import { median, round, type BenchmarkResult } from './result';

/**
 * The call's picture and sound with the kiosk's link to the SFU shaped to a rate, both ways (a
 * token bucket on each end of the namespace's veth pair). The visitor's browser reaches the server
 * by a link of its own, never shaped, as a family's phone is not on the kiosk's network: so the
 * shaped link carries only the kiosk's traffic.
 *
 * One call, the rates in turn from the highest down, the step right after the highest. One page sends video: the
 * visitor turns their camera off (a black frame now and then), so the kiosk's picture is measured
 * on the visitor's page (the figures without a side in their name) with nothing else on the link
 * but the visitor's sound coming down (`….kiosk.audio_concealed_percent`, measured on the kiosk's
 * page). Last, the visitor's camera goes on again over a 500 kbit/s link (`quality.downlink.*`):
 * with one layer and no bitrate plan the SFU forwards the visitor's stream at the rate of the
 * visitor's own link, and the kiosk receives what fits.
 *
 * Each sender's limitation (`qualityLimitationDurations`: cpu or bandwidth) and the machine's CPU
 * are printed beside them: two browsers and the SFU on two cores shared with other work can limit
 * the picture by CPU, which is not the link's doing.
 */
const profiles: Array<{ name: string; bitsPerSecond: number }> = [
  { name: '4mbps', bitsPerSecond: 4_000_000 },
  { name: '1mbps', bitsPerSecond: 1_000_000 },
  { name: '500kbps', bitsPerSecond: 500_000 },
  { name: '150kbps', bitsPerSecond: 150_000 },
];
const downlinkBitsPerSecond = 500_000;
/** Chromium's fake camera gives 20 fps unless told; a kiosk's camera gives 30. */
const chromiumArgs = ['--use-fake-device-for-media-stream=fps=30'];

/** The encoder's bandwidth estimate needs a few seconds to fall to a new rate; not counted. */
const settleMs = 6000;
const holdMs = 20_000;
const sampleEveryMs = 1000;

const step = { highBitsPerSecond: 4_000_000, lowBitsPerSecond: 300_000, lowMs: 15_000 };
/** How long the step waits for the picture to come back before saying it did not. */
const resumeTimeoutMs = 40_000;

const progress = (message: string): void => void process.stderr.write(`bench: quality ${message}\n`);

export function runQualityBenchmarks(): Promise<BenchmarkResult[]> {
  return withFaultRig(
    'quality',
    async (rig) => {
      const call = await demoCall(rig);
      await call.visitorPage.locator('#camera').click();
      const results: BenchmarkResult[] = [];
      for (const profile of profiles) {
        rig.server.shape(profile.bitsPerSecond);
        await call.visitorPage.waitForTimeout(settleMs);
        const window = await hold(call, holdMs);
        progress(`${profile.name}: ${describe(window)}`);
        results.push(...uplinkFigures(`quality.${profile.name}`, window));
        // The step starts from the highest rate's picture, measured just now, before any lower rate.
        if (profile.bitsPerSecond === step.highBitsPerSecond) results.push(...(await measureStep(rig, call, window)));
      }
      results.push(...(await measureDownlink(rig, call)));
      return results;
    },
    { visitorBehindSideDoor: true, chromiumArgs },
  );
}

/** The demo visit's call, both sides in it. */
function demoCall({ server, kioskUrl, browser, visitorBrowser }: FaultRig): Promise<Call> {
  return startCall(browser, {
    kioskUrl,
    visitorLink: server.visitorLink(demo.visits.now.code),
    visitor: demo.visits.now.visitor,
    visitorBrowser,
  });
}

/** Readings of both pages, the machine's CPU and its load, once a second for `ms`. */
interface Hold {
  visitor: RtpReading[];
  kiosk: RtpReading[];
  cpu: [CpuReading, CpuReading];
  loads: number[];
}

async function hold(call: Call, ms: number): Promise<Hold> {
  const visitor: RtpReading[] = [];
  const kiosk: RtpReading[] = [];
  const loads: number[] = [];
  const cpuFrom = readCpu();
  const started = Date.now();
  for (;;) {
    visitor.push(await readRtp(call.visitorPage));
    kiosk.push(await readRtp(call.kioskPage));
    loads.push(loadAverage());
    const next = started + visitor.length * sampleEveryMs;
    if (next > started + ms) break;
    await call.visitorPage.waitForTimeout(Math.max(0, next - Date.now()));
  }
  return { visitor, kiosk, cpu: [cpuFrom, readCpu()], loads };
}

/**
 * A counter's growth over the hold. A call rebuilt inside it (new transports) counts from zero
 * again, so a fall is the new count's start, not a loss.
 */
function growth(readings: readonly RtpReading[], pick: (reading: RtpReading) => number): number {
  let grown = 0;
  for (let i = 1; i < readings.length; i++) {
    const [before, now] = [pick(readings[i - 1]!), pick(readings[i]!)];
    grown += now >= before ? now - before : now;
  }
  return grown;
}

/** How often the call was rebuilt during the hold: the kiosk's encoder started counting again. */
function rebuilds(readings: readonly RtpReading[]): number {
  return readings.slice(1).filter((reading, i) => reading.sent.framesEncoded < readings[i]!.sent.framesEncoded).length;
}

function seconds(readings: readonly RtpReading[]): number {
  return (readings.at(-1)!.at - readings[0]!.at) / 1000;
}

function machineFigures(prefix: string, { kiosk, cpu, loads }: Hold): BenchmarkResult[] {
  return [
    { name: `${prefix}.call_rebuilds`, value: rebuilds(kiosk), unit: '' },
    { name: `${prefix}.machine_cpu_busy_percent`, value: round(busyPercent(...cpu)), unit: '%' },
    { name: `${prefix}.load_1min.median`, value: round(median(loads), 2), unit: '' },
    { name: `${prefix}.load_1min.max`, value: round(Math.max(...loads), 2), unit: '' },
  ];
}

/** The kiosk's picture and sound at the visitor, the visitor's sound at the kiosk, the kiosk's encoder. */
function uplinkFigures(prefix: string, window: Hold): BenchmarkResult[] {
  const kioskAudio = receivedFigures(`${prefix}.kiosk`, window.kiosk).filter((figure) =>
    figure.name.endsWith('.audio_concealed_percent'),
  );
  return [
    ...receivedFigures(prefix, window.visitor),
    ...kioskAudio,
    ...sentFigures(`${prefix}.kiosk`, window.kiosk),
    ...machineFigures(prefix, window),
  ];
}

/** What a page received of the other side's picture and sound over the hold. */
function receivedFigures(prefix: string, readings: readonly RtpReading[]): BenchmarkResult[] {
  const span = seconds(readings);
  const received = (pick: (r: RtpReading['received']) => number): number =>
    growth(readings, (reading) => pick(reading.received));
  const samples = received((r) => r.totalSamplesReceived);
  const concealed = received((r) => r.concealedSamples);
  const heights = readings.map((r) => r.received.frameHeight);
  return [
    {
      name: `${prefix}.received_fps`,
      value: round(received((r) => r.framesDecoded) / span),
      unit: 'fps',
    },
    { name: `${prefix}.received_height`, value: median(heights), unit: 'px' },
    { name: `${prefix}.received_height.min`, value: Math.min(...heights), unit: 'px' },
    {
      name: `${prefix}.freeze_seconds_per_min`,
      value: round((60 * received((r) => r.totalFreezesDuration)) / span, 2),
      unit: 's/min',
    },
    {
      name: `${prefix}.audio_concealed_percent`,
      value: samples === 0 ? 100 : round((100 * concealed) / samples, 2),
      unit: '%',
    },
  ];
}

/** What a page's encoder sent over the hold, and what limited it. */
function sentFigures(prefix: string, readings: readonly RtpReading[]): BenchmarkResult[] {
  const span = seconds(readings);
  const sent = (pick: (s: RtpReading['sent']) => number): number => growth(readings, (reading) => pick(reading.sent));
  const frames = sent((s) => s.framesEncoded);
  const limited = (reason: string): number =>
    round((100 * sent((s) => s.qualityLimitationDurations[reason] ?? 0)) / span);
  return [
    {
      name: `${prefix}.sent_kbps`,
      value: round((8 * sent((s) => s.bytesSent)) / span / 1000),
      unit: 'kbit/s',
    },
    { name: `${prefix}.sent_fps`, value: round(frames / span), unit: 'fps' },
    { name: `${prefix}.sent_height`, value: median(readings.map((r) => r.sent.frameHeight)), unit: 'px' },
    {
      name: `${prefix}.encode_ms_per_frame`,
      value: frames === 0 ? 0 : round((1000 * sent((s) => s.totalEncodeTime)) / frames, 2),
      unit: 'ms',
    },
    { name: `${prefix}.cpu_limited_percent`, value: limited('cpu'), unit: '%' },
    { name: `${prefix}.bandwidth_limited_percent`, value: limited('bandwidth'), unit: '%' },
  ];
}

/** Each encoder's limitation at each reading, run-length encoded (`bandwidth×12 → none×8`), and the heights received. */
function describe({ kiosk, visitor }: Hold): string {
  const limits = (readings: readonly RtpReading[]): string => {
    const runs: Array<[string, number]> = [];
    for (const reading of readings) {
      const last = runs.at(-1);
      if (last?.[0] === reading.sent.qualityLimitationReason) last[1]++;
      else runs.push([reading.sent.qualityLimitationReason, 1]);
    }
    return runs.map(([reason, count]) => `${reason}×${count}`).join(' → ');
  };
  const heights = (readings: readonly RtpReading[]): string =>
    [...new Set(readings.map((r) => r.received.frameHeight))].join('/');
  return (
    `kiosk's encoder limited by ${limits(kiosk)}, visitor's by ${limits(visitor)}; ` +
    `heights received by the visitor ${heights(visitor)}, by the kiosk ${heights(kiosk)}`
  );
}

/**
 * 4 Mbps (the 4 Mbps profile's hold), then 300 kbps, then 4 Mbps again, measured on the visitor's page: the seconds from the
 * link's recovery until the kiosk's video comes at half its frame rate before the step or more
 * (`video_resume_s`: today's call never pauses video, it starves it), and until it also has its
 * height from before the step again (`height_recovered_s`).
 */
async function measureStep(rig: FaultRig, call: Call, before: Hold): Promise<BenchmarkResult[]> {
  const beforeFps = growth(before.visitor, (r) => r.received.framesDecoded) / seconds(before.visitor);
  const beforeHeight = median(before.visitor.map((r) => r.received.frameHeight));
  rig.server.shape(step.lowBitsPerSecond);
  const low = await hold(call, step.lowMs);
  progress(`step at 300 kbps: ${describe(low)}`);
  rig.server.shape(step.highBitsPerSecond);
  const recovery = await watchRecovery(call.visitorPage, beforeFps / 2, beforeHeight);
  progress(
    `step: before ${round(beforeFps)} fps at ${beforeHeight} px; after the recovery, frames at half that rate in ` +
      `${recovery.framesResumeS ?? 'never'} s, the picture as before in ${recovery.heightRecoveredS ?? 'never'} s`,
  );
  const timedOut = resumeTimeoutMs / 1000;
  return [
    ...uplinkFigures('quality.step.low', low),
    { name: 'quality.step.video_resume_s', value: round(recovery.framesResumeS ?? timedOut), unit: 's' },
    { name: 'quality.step.height_recovered_s', value: round(recovery.heightRecoveredS ?? timedOut), unit: 's' },
    { name: 'quality.step.height_recovered', value: recovery.heightRecoveredS === undefined ? 0 : 1, unit: '' },
  ];
}

async function watchRecovery(
  page: Page,
  fps: number,
  height: number,
): Promise<{ framesResumeS?: number; heightRecoveredS?: number }> {
  const restoredAt = Date.now();
  const readings: RtpReading[] = [];
  let framesResumeS: number | undefined;
  while (Date.now() - restoredAt < resumeTimeoutMs) {
    const now = await readRtp(page);
    readings.push(now);
    // The frame rate over the last second of readings, said of when that second began: a picture
    // that never stopped has resumed at 0 s.
    const secondAgo = readings.find((r) => r.at >= now.at - 1000)!;
    const rate =
      now.at - secondAgo.at < 900
        ? 0
        : ((now.received.framesDecoded - secondAgo.received.framesDecoded) * 1000) / (now.at - secondAgo.at);
    const since = round(Math.max(0, secondAgo.at - restoredAt) / 1000);
    if (framesResumeS === undefined && rate >= fps) framesResumeS = since;
    if (rate >= fps && now.received.frameHeight >= height)
      return { framesResumeS: framesResumeS ?? since, heightRecoveredS: since };
    await page.waitForTimeout(250);
  }
  return framesResumeS === undefined ? {} : { framesResumeS };
}

/** The visitor's camera on again and the kiosk's link at 500 kbit/s: what the kiosk receives of it. */
async function measureDownlink(rig: FaultRig, call: Call): Promise<BenchmarkResult[]> {
  await call.visitorPage.locator('#camera').click();
  rig.server.shape(downlinkBitsPerSecond);
  await call.visitorPage.waitForTimeout(settleMs);
  const window = await hold(call, holdMs);
  progress(`downlink at ${downlinkBitsPerSecond / 1000} kbit/s: ${describe(window)}`);
  const prefix = 'quality.downlink';
  return [
    ...receivedFigures(`${prefix}.kiosk`, window.kiosk),
    ...sentFigures(`${prefix}.visitor`, window.visitor),
    ...machineFigures(prefix, window),
  ];
}
