import type { Language } from '../../shared/contract/kiosk';
import { localeOf } from '../i18n/locale';

/** "4:05", "1:59:00": digits read the same in every language the kiosk speaks; never negative. */
export function formatCountdown(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** A time of day the local way: "2:30 PM", "2:30 p.m.". */
export function formatClockTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(localeOf(language), { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** "12 minutes", "1 minuto"; under a minute in seconds, so a short call never reads as nothing. */
export function formatDuration(seconds: number, language: Language): string {
  const [value, unit] = seconds < 60 ? [seconds, 'second'] : [Math.floor(seconds / 60), 'minute'];
  return new Intl.NumberFormat(localeOf(language), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
