import { describe, expect, it } from 'vitest';
import { formatClockTime, formatCountdown, formatDuration, formatVisitStart } from '../../src/renderer/time/format';

describe('formatting', () => {
  it('counts down in minutes and seconds, with hours when there are any, never below zero', () => {
    expect(formatCountdown(245_000)).toBe('4:05');
    expect(formatCountdown(244_001)).toBe('4:05');
    expect(formatCountdown(59_000)).toBe('0:59');
    expect(formatCountdown(7_140_000)).toBe('1:59:00');
    expect(formatCountdown(-3_000)).toBe('0:00');
  });

  it('shows a time of day the way each language writes it', () => {
    const afternoon = new Date(2026, 10, 22, 14, 5).toISOString();
    expect(formatClockTime(afternoon, 'en')).toMatch(/^2:05\sPM$/);
    expect(formatClockTime(afternoon, 'es')).toMatch(/^2:05\sp\.\s?m\.$/);
  });

  it('gives a listed visit’s start its weekday only when it is not today', () => {
    const evening = new Date(2026, 10, 22, 23, 0).getTime();
    expect(formatVisitStart(new Date(2026, 10, 22, 23, 30).toISOString(), 'en', evening)).toMatch(/^11:30\sPM$/);
    expect(formatVisitStart(new Date(2026, 10, 23, 8, 0).toISOString(), 'en', evening)).toMatch(/^Mon\s8:00\sAM$/);
    expect(formatVisitStart(new Date(2026, 10, 23, 8, 0).toISOString(), 'es', evening)).toMatch(/^lun/);
  });

  it('says durations in words, in seconds under a minute and whole minutes after', () => {
    expect(formatDuration(45, 'en')).toBe('45 seconds');
    expect(formatDuration(45, 'es')).toBe('45 segundos');
    expect(formatDuration(60, 'en')).toBe('1 minute');
    expect(formatDuration(61, 'es')).toBe('1 minuto');
    expect(formatDuration(1_799, 'en')).toBe('29 minutes');
    expect(formatDuration(1_799, 'es')).toBe('29 minutos');
  });
});
