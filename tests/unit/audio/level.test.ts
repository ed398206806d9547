import { describe, expect, it } from 'vitest';
import { levelOf } from '../../../src/shared/audio/level';

describe('the microphone meter’s level', () => {
  it('is nothing for silence and for no samples', () => {
    expect(levelOf(new Float32Array(512))).toBe(0);
    expect(levelOf(new Float32Array(0))).toBe(0);
  });

  it('is full for a full-scale signal and scales in decibels between', () => {
    expect(levelOf(new Float32Array(512).fill(1))).toBe(1);
    // -20 dB is two thirds of the way up a 60 dB scale.
    expect(levelOf(new Float32Array(512).fill(0.1))).toBeCloseTo(2 / 3, 5);
    expect(levelOf(new Float32Array(512).fill(-0.1))).toBeCloseTo(2 / 3, 5);
  });

  it('stays at nothing below the floor', () => {
    expect(levelOf(new Float32Array(512).fill(0.0001))).toBe(0);
  });
});
