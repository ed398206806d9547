import type { Language } from '../../shared/contract/kiosk';
import { localeOf } from '../../shared/i18n/locale';

// Shared with the visitor page; the kiosk's screens import it from here with the other formats.
export { formatCountdown } from '../../shared/time/countdown';

/** A time of day the local way: "2:30 PM", "2:30 p.m.". */
export function formatClockTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/**
 * When a listed visit starts: the time of day, with the weekday when it is not today ("Wed 12:30
 * AM" late in the evening), so tomorrow's early visit is not read as today's.
 */
export function formatVisitStart(iso: string, language: Language, now: number): string {
  const start = new Date(iso);
  const today = new Date(now);
  const sameDay = start.toDateString() === today.toDateString();
  return new Intl.DateTimeFormat(localeOf(language), {
    ...(sameDay ? {} : { weekday: 'short' }),
    hour: 'numeric',
    minute: '2-digit',
  }).format(start);
}

/** "12 minutes", "1 minuto"; under a minute in seconds, so a short call never reads as nothing. */
export function formatDuration(seconds: number, language: Language): string {
  const [value, unit] = seconds < 60 ? [seconds, 'second'] : [Math.floor(seconds / 60), 'minute'];
  return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
