import { describe, expect, it } from 'vitest';
import { minutesLeft } from '../../src/renderer/call/call-warnings';

describe('call warnings', () => {
  it('says whole minutes, rounded up, never fewer than one', () => {
    expect(minutesLeft(300_000)).toBe(5);
    expect(minutesLeft(299_000)).toBe(5);
    expect(minutesLeft(60_000)).toBe(1);
    expect(minutesLeft(5_000)).toBe(1);
  });
});
