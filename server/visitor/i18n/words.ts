import i18next, { type i18n } from 'i18next';
import type { Language } from '../../../src/shared/contract/kiosk';
import { catalogueOptions } from '../../../src/shared/i18n/options';
import { en } from './en';
import { es } from './es';

/**
 * Every key of the catalogue, as the dotted paths i18next looks up ("call.hangUp"); a plural by its
 * base ("call.warning" for `warning_one` and `warning_other`).
 */
export type Key = Paths<typeof en>;
type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? PluralBase<K> : `${K}.${Paths<T[K]>}`;
}[keyof T & string];
type PluralBase<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

/** The page's words in its language now; `count` picks the plural form (`warning_one`, `warning_other`). */
export type Words = (key: Key, values?: Record<string, string | number>) => string;

/** The page's translator: its own i18next instance, so a test can hold one per language. */
export function createWords(language: Language): { words: Words; setLanguage: (next: Language) => void } {
  const instance: i18n = i18next.createInstance();
  void instance.init({ ...catalogueOptions({ en, es }), lng: language });
  return {
    words: (key, values) => instance.t(key, values ?? {}),
    setLanguage: (next) => void instance.changeLanguage(next),
  };
}
