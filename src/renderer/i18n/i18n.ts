import i18next, { type i18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';
import { catalogueOptions } from '../../shared/i18n/options';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}

/** What `useTranslation().t` is, for helpers that turn a reason into words. */
export type Translate = TFunction<'translation'>;

/** A translator of its own per app, so nothing about one person's language outlives the app that showed it. */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init(catalogueOptions({ en, es }));
  return instance;
}
