import type { Language } from '../../shared/contract/kiosk';

/** The Intl locale for a kiosk language: the kiosks are in US facilities. */
export function localeOf(language: Language): string {
  return language === 'es' ? 'es-US' : 'en-US';
}
