import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preferences } from '../../shared/contract/kiosk';

/** Applies main's language and text size before the screen paints, so no frame shows the old ones. */
export function usePreferences(preferences: Preferences): void {
  const { i18n } = useTranslation();
  const { language, largeText } = preferences;
  useLayoutEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);
  useLayoutEffect(() => {
    document.documentElement.dataset.textSize = largeText ? 'large' : 'normal';
  }, [largeText]);
}
