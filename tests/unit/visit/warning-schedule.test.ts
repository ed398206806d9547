import { describe, expect, it } from 'vitest';
import { WarningSchedule } from '../../../src/shared/call/warning-schedule';

describe('the warning schedule', () => {
  it('ignores repeated and non-positive thresholds', () => {
    const schedule = new WarningSchedule([60, 60, 0, -5]);
    expect(schedule.nextInMs(90_000)).toBe(30_000);
    expect(schedule.due(60_000)).toBe(60);
    expect(schedule.due(59_000)).toBeUndefined();
    expect(schedule.nextInMs(59_000)).toBeUndefined();
  });

  it('gives nothing at or after the end', () => {
    const schedule = new WarningSchedule([300, 60]);
    expect(schedule.due(0)).toBeUndefined();
    expect(schedule.due(-1)).toBeUndefined();
    expect(schedule.due(1)).toBe(60);
  });

  it('without thresholds has nothing to wait for', () => {
    const schedule = new WarningSchedule([]);
    expect(schedule.nextInMs(600_000)).toBeUndefined();
    expect(schedule.due(10_000)).toBeUndefined();
  });
});
