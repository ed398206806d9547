import type { InitOptions } from 'i18next';
import { languageSchema } from '../contract/kiosk';

/** How every app of ours sets up i18next over its own bundled catalogues (the kiosk's, the visitor page's). */
export function catalogueOptions(catalogues: Record<'en' | 'es', object>): InitOptions {
  return {
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: languageSchema.options,
    resources: { en: { translation: catalogues.en }, es: { translation: catalogues.es } },
    // The catalogues are bundled, so the first render already has its words.
    initAsync: false,
    // React escapes what it renders, and the visitor page sets text, never HTML.
    interpolation: { escapeValue: false },
  };
}
