import { describe, expect, it } from 'vitest';
import {
  heldVideoBitrateKbps,
  judgeMediaCheck,
  type MediaCheckMeasurement,
} from '../../../src/shared/contract/media-check';

const at = '2026-12-03T10:00:00.000Z';
const good: MediaCheckMeasurement = {
  checkId: 'check-1',
  room: 'joined',
  cameraLive: true,
  path: 'udp',
  roundTripMs: 12.6,
  packetsReceived: 990,
  packetsLost: 10,
  framesDecoded: 150,
  videoBitrateKbps: 640.4,
  durationMs: 5200,
};

describe('judging a media check', () => {
  it('passes media that went out and came back, with its figures rounded for the technician', () => {
    expect(judgeMediaCheck(good, at)).toEqual({
      ok: true,
      path: 'udp',
      roundTripMs: 13,
      packetLossPercent: 1,
      videoBitrateKbps: 640,
      durationMs: 5200,
      checkedAt: at,
    });
  });

  it('passes a TCP-only path, saying so', () => {
    expect(judgeMediaCheck({ ...good, path: 'tcp', roundTripMs: null }, at)).toMatchObject({
      ok: true,
      path: 'tcp',
      roundTripMs: null,
    });
  });

  it('names the first thing missing on the way out and back', () => {
    const failure = (change: Partial<MediaCheckMeasurement>) => {
      const result = judgeMediaCheck({ ...good, ...change }, at);
      return result.ok ? 'passed' : result.failure;
    };
    expect(failure({ room: 'unreachable', path: null, packetsReceived: 0 })).toBe('unreachable');
    expect(failure({ room: 'refused', path: null })).toBe('server_refused');
    expect(failure({ cameraLive: false, path: null })).toBe('no_camera_frames');
    expect(failure({ path: null, packetsReceived: 0 })).toBe('no_media_path');
    expect(failure({ packetsReceived: 0, packetsLost: 0, framesDecoded: 0 })).toBe('media_blocked');
    expect(failure({ framesDecoded: 0, videoBitrateKbps: null })).toBe('no_camera_frames');
    expect(failure({ videoBitrateKbps: null })).toBe('no_camera_frames');
  });
});

describe('the video bitrate that held', () => {
  it('is the lowest rate over any second of the samples', () => {
    // 100 kB/s, then a second at 50 kB/s, then 100 kB/s again.
    const samples = [
      { at: 0, videoBytes: 0 },
      { at: 500, videoBytes: 50_000 },
      { at: 1000, videoBytes: 100_000 },
      { at: 1500, videoBytes: 125_000 },
      { at: 2000, videoBytes: 150_000 },
      { at: 2500, videoBytes: 200_000 },
      { at: 3000, videoBytes: 250_000 },
    ];
    expect(heldVideoBitrateKbps(samples)).toBe(400);
    expect(heldVideoBitrateKbps(samples.slice(0, 3))).toBe(800);
  });

  it('is unknown without a whole second of samples, and never negative after a counter reset', () => {
    expect(heldVideoBitrateKbps([])).toBeNull();
    expect(
      heldVideoBitrateKbps([
        { at: 0, videoBytes: 0 },
        { at: 900, videoBytes: 90_000 },
      ]),
    ).toBeNull();
    expect(
      heldVideoBitrateKbps([
        { at: 0, videoBytes: 90_000 },
        { at: 1000, videoBytes: 10 },
      ]),
    ).toBe(0);
  });
});
