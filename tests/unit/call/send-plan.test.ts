import { describe, expect, it } from 'vitest';
import { hdVideoCapture, type CaptureSize, openWithHdFallback, sendPlan } from '../../../src/shared/call/send-plan';

const refusal = (name: string): DOMException => new DOMException('refused', name);

describe('the send plan', () => {
  it('sends video as three layers, smallest first, each a quarter of the pixels of the next', () => {
    const { encodings } = sendPlan('video', { signLanguage: false });
    expect(encodings.map((layer) => layer.scaleResolutionDownBy)).toEqual([4, 2, 1]);
    const bitrates = encodings.map((layer) => layer.maxBitrate ?? 0);
    expect(bitrates).toEqual([150_000, 500_000, 1_800_000]);
    // The whole picture and the sound fit a 4 Mbps link with room to spare.
    expect(bitrates.reduce((sum, bitrate) => sum + bitrate, 0)).toBeLessThan(2_600_000);
  });

  it('gives video temporal layers so the SFU can drop frame rate before resolution', () => {
    const { encodings, degradationPreference, codecOptions } = sendPlan('video', { signLanguage: false });
    expect(encodings.every((layer) => layer.scalabilityMode === 'L1T3')).toBe(true);
    expect(degradationPreference).toBeUndefined();
    expect(codecOptions).toBeUndefined();
  });

  it('keeps the frame rate for a sign-language visit and a higher floor for its lowest layer', () => {
    const standard = sendPlan('video', { signLanguage: false });
    const signing = sendPlan('video', { signLanguage: true });
    expect(signing.degradationPreference).toBe('maintain-framerate');
    expect(signing.encodings).toHaveLength(3);
    expect(signing.encodings.every((layer) => layer.scalabilityMode === 'L1T1' && layer.maxFramerate === 30)).toBe(
      true,
    );
    const floorKbps = signing.codecOptions?.videoGoogleMinBitrate ?? 0;
    expect(floorKbps * 1000).toBeGreaterThan(standard.encodings[0]?.maxBitrate ?? Infinity);
    expect(signing.encodings[0]?.maxBitrate).toBe(floorKbps * 1000);
  });

  it('sends audio first: Opus FEC on, DTX off, high priority on the network', () => {
    for (const signLanguage of [false, true]) {
      const plan = sendPlan('audio', { signLanguage });
      expect(plan.codecOptions).toEqual({ opusFec: true, opusDtx: false });
      expect(plan.encodings).toEqual([{ priority: 'high', networkPriority: 'high' }]);
      expect(plan.degradationPreference).toBeUndefined();
    }
  });

  it('hands out copies, since mediasoup-client writes rids into the encodings it is given', () => {
    const first = sendPlan('video', { signLanguage: false });
    first.encodings[0]!.rid = 'r0';
    expect(sendPlan('video', { signLanguage: false }).encodings[0]?.rid).toBeUndefined();
  });
});

describe('opening the camera at 720p', () => {
  it('asks 1280x720 at 30 fps as ideal, so another mode opens instead of failing', () => {
    expect(hdVideoCapture).toEqual({ width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } });
  });

  it('opens once when the camera takes the HD request', async () => {
    const asked: CaptureSize[] = [];
    const opened = await openWithHdFallback(async (size) => {
      asked.push(size);
      return 'track';
    });
    expect(opened).toBe('track');
    expect(asked).toEqual([hdVideoCapture]);
  });

  it.each(['OverconstrainedError', 'NotReadableError'])('opens at any size after %s', async (name) => {
    const asked: CaptureSize[] = [];
    const opened = await openWithHdFallback(async (size) => {
      asked.push(size);
      if (asked.length === 1) throw refusal(name);
      return 'track';
    });
    expect(opened).toBe('track');
    expect(asked).toEqual([hdVideoCapture, {}]);
  });

  it.each(['NotFoundError', 'NotAllowedError'])('does not retry a camera that is %s', async (name) => {
    let calls = 0;
    await expect(
      openWithHdFallback(async () => {
        calls += 1;
        throw refusal(name);
      }),
    ).rejects.toMatchObject({ name });
    expect(calls).toBe(1);
  });

  it('reports the second failure when the fallback fails too', async () => {
    await expect(
      openWithHdFallback(async (size) => {
        throw refusal(size.width === undefined ? 'NotFoundError' : 'OverconstrainedError');
      }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
