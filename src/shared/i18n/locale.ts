import { languageSchema, type Language } from '../contract/kiosk';

/** The Intl locale for a language we speak: the kiosks and their visitors are in US facilities. */
export function localeOf(language: Language): string {
  return language === 'es' ? 'es-US' : 'en-US';
}

/**
 * The first of the reader's languages (`navigator.languages`, most preferred first) that we speak,
 * by its primary subtag ("es-MX" is Spanish); English when none is.
 */
export function preferredLanguage(readerLanguages: readonly string[]): Language {
  for (const tag of readerLanguages) {
    const parsed = languageSchema.safeParse(tag.split('-')[0]?.toLowerCase());
    if (parsed.success) return parsed.data;
  }
  return 'en';
}
