import { describe, expect, it } from 'vitest';
import { rateConnection } from '../../src/renderer/call/call-quality';
import { minutesLeft } from '../../src/renderer/call/call-warnings';

describe('call warnings', () => {
  it('says whole minutes, rounded up, never fewer than one', () => {
    expect(minutesLeft(300_000)).toBe(5);
    expect(minutesLeft(299_000)).toBe(5);
    expect(minutesLeft(60_000)).toBe(1);
    expect(minutesLeft(5_000)).toBe(1);
  });
});

describe('connection quality', () => {
  const reading = (
    packetsReceived: number,
    packetsLost: number,
    bytesReceived: number,
    roundTripSeconds: number | null,
  ) => ({
    packetsReceived,
    packetsLost,
    bytesReceived,
    roundTripSeconds,
    framesDecoded: 0,
    videoBytesReceived: 0,
    path: null,
  });

  it('says nothing flows without a receive transport or new bytes', () => {
    expect(rateConnection(undefined, undefined)).toEqual({ flowing: false, quality: null });
    expect(rateConnection(reading(100, 0, 5000, 0.02), reading(100, 0, 5000, 0.02))).toEqual({
      flowing: false,
      quality: null,
    });
  });

  it('rates by the loss and delay since the last reading', () => {
    expect(rateConnection(reading(100, 0, 5000, null), reading(300, 1, 25_000, 0.05)).quality).toBe('good');
    expect(rateConnection(reading(100, 0, 5000, null), reading(300, 10, 25_000, 0.05)).quality).toBe('fair');
    expect(rateConnection(reading(100, 0, 5000, null), reading(300, 0, 25_000, 0.45)).quality).toBe('fair');
    expect(rateConnection(reading(100, 0, 5000, null), reading(300, 40, 25_000, 0.05)).quality).toBe('poor');
    expect(rateConnection(reading(100, 0, 5000, null), reading(300, 0, 25_000, 1.2)).quality).toBe('poor');
  });

  it('starts counting afresh after the transport is rebuilt', () => {
    expect(rateConnection(reading(9000, 50, 900_000, 0.05), reading(200, 0, 20_000, 0.05))).toEqual({
      flowing: true,
      quality: 'good',
    });
  });
});
