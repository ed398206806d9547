import { afterEach, describe, expect, it, vi } from 'vitest';
import { figuresBetween, readTotals, type StatsReportLike } from '../../../src/shared/call/connection-figures';
import { riseAfterReadings as riseAfter } from '../../../src/shared/call/connection-grade';
import { ConnectionWatch, type ConnectionReading } from '../../../src/shared/call/connection-watch';

/** A receive transport's report as Chromium gives it, reduced to the entries and fields read. */
function chromiumReport(at: {
  audio: number;
  video: number;
  lost: number;
  frames: number;
  freezes: number;
  frozen: number;
  rtt?: number;
}) {
  const entries = [
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: at.audio, packetsLost: 0 },
    {
      type: 'inbound-rtp',
      kind: 'video',
      packetsReceived: at.video,
      packetsLost: at.lost,
      framesReceived: at.frames,
      framesDecoded: at.frames - 1,
      freezeCount: at.freezes,
      totalFreezesDuration: at.frozen,
    },
    { type: 'candidate-pair', nominated: false, currentRoundTripTime: 2 },
    { type: 'candidate-pair', nominated: true, ...(at.rtt === undefined ? {} : { currentRoundTripTime: at.rtt }) },
    { type: 'outbound-rtp', kind: 'video', packetsSent: 999 },
  ];
  return new Map(entries.map((entry, index) => [String(index), entry]));
}

describe('figures from getStats', () => {
  it('sums the inbound streams and takes the selected pair’s round trip', () => {
    const totals = readTotals(
      chromiumReport({ audio: 100, video: 400, lost: 5, frames: 90, freezes: 1, frozen: 0.4, rtt: 0.05 }),
      1000,
    );
    expect(totals).toEqual({
      at: 1000,
      roundTripSeconds: 0.05,
      packetsReceived: 500,
      packetsLost: 5,
      video: true,
      framesReceived: 90,
      freezeCount: 1,
      freezeSeconds: 0.4,
    });
  });

  it('counts what Firefox leaves out as nothing, and decoded frames for received', () => {
    const firefox = new Map([
      ['a', { type: 'inbound-rtp', kind: 'video', packetsReceived: 10, packetsLost: -2, framesDecoded: 7 }],
    ]);
    expect(readTotals(firefox, 0)).toMatchObject({
      roundTripSeconds: null,
      packetsLost: 0,
      framesReceived: 7,
      freezeSeconds: 0,
    });
  });

  it('takes the window’s loss, frame rate and freezing from the deltas', () => {
    const older = readTotals(
      chromiumReport({ audio: 100, video: 400, lost: 5, frames: 90, freezes: 1, frozen: 0.4, rtt: 0.05 }),
      1000,
    );
    const newer = readTotals(
      chromiumReport({ audio: 400, video: 1500, lost: 105, frames: 180, freezes: 3, frozen: 1.6, rtt: 0.2 }),
      7000,
    );
    expect(figuresBetween(older, newer, true)).toEqual({
      seconds: 6,
      roundTripSeconds: 0.2,
      lossRatio: 100 / 1500,
      framesPerSecond: 15,
      freezes: 2,
      frozenRatio: expect.closeTo(0.2, 10),
    });
    expect(figuresBetween(older, newer, false)).toMatchObject({ framesPerSecond: null, freezes: 0, frozenRatio: 0 });
  });

  it('does not compare totals that counted afresh, nor two at the same moment', () => {
    const older = readTotals(
      chromiumReport({ audio: 900, video: 900, lost: 0, frames: 900, freezes: 0, frozen: 0 }),
      0,
    );
    const rebuilt = readTotals(
      chromiumReport({ audio: 10, video: 10, lost: 0, frames: 5, freezes: 0, frozen: 0 }),
      2000,
    );
    expect(figuresBetween(older, rebuilt, true)).toBeUndefined();
    expect(figuresBetween(older, { ...older }, true)).toBeUndefined();
  });
});

describe('the connection watch', () => {
  afterEach(() => vi.useRealTimers());

  it('grades each window of readings, drops at once and rises only when the figures have lasted', async () => {
    vi.useFakeTimers();
    let clock = 0;
    let audio = 0;
    let video = 0;
    let lost = 0;
    let frames = 0;
    let lossPerRead = 0;
    const report = async (): Promise<StatsReportLike> => {
      audio += 100;
      video += 400;
      lost += lossPerRead;
      frames += 60;
      return chromiumReport({ audio, video, lost, frames, freezes: 0, frozen: 0, rtt: 0.03 });
    };
    const readings: (ConnectionReading | null)[] = [];
    const watch = new ConnectionWatch({
      report,
      videoExpected: () => true,
      onReading: (reading) => readings.push(reading),
      now: () => clock,
    });
    watch.start();
    const read = async (count: number): Promise<void> => {
      for (let index = 0; index < count; index += 1) {
        clock += 2000;
        await vi.advanceTimersByTimeAsync(2000);
      }
    };
    // Only whole windows of three intervals: nothing for the first three reads.
    await read(3);
    expect(readings).toEqual([]);
    await read(2);
    expect(readings.map((reading) => reading?.grade)).toEqual(['good', 'good']);
    expect(readings.at(-1)?.figures).toMatchObject({ framesPerSecond: 30, lossRatio: 0, roundTripSeconds: 0.03 });

    lossPerRead = 300;
    await read(1);
    expect(readings.at(-1)).toMatchObject({ grade: 'poor', measured: 'poor' });
    lossPerRead = 0;
    // The window still holds the lossy reading for two more reads, then three clean windows.
    await read(2 + riseAfter - 1);
    expect(readings.at(-1)).toMatchObject({ grade: 'poor', measured: 'good' });
    await read(1);
    expect(readings.at(-1)?.grade).toBe('good');
    watch.stop();
  });

  it('says nothing while there is no receive transport, and starts afresh after', async () => {
    vi.useFakeTimers();
    const readings: (ConnectionReading | null)[] = [];
    const watch = new ConnectionWatch({
      report: async () => undefined,
      videoExpected: () => true,
      onReading: (reading) => readings.push(reading),
    });
    watch.start();
    await vi.advanceTimersByTimeAsync(2000);
    expect(readings).toEqual([null]);
    watch.stop();
  });
});
