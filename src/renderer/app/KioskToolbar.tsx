import { useTranslation } from 'react-i18next';
import type { Language, Preferences } from '../../shared/contract/kiosk';

/** Each language is offered in its own words, so a person finds theirs whatever is showing. */
const languageNames: Record<Language, string> = { en: 'English', es: 'Español' };

/** Language and text size, on every screen, in the same corner. */
export function KioskToolbar({
  preferences,
  onLanguage,
  onLargeText,
}: {
  preferences: Preferences;
  onLanguage: (language: Language) => void;
  onLargeText: (largeText: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <header className="toolbar" aria-label={t('toolbar.label')}>
      <div className="segmented" role="group" aria-label={t('toolbar.language')}>
        {(['en', 'es'] as const).map((language) => (
          <button
            key={language}
            type="button"
            className="toggle"
            lang={language}
            aria-pressed={preferences.language === language}
            onClick={() => onLanguage(language)}
          >
            {languageNames[language]}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="toggle text-size"
        aria-pressed={preferences.largeText}
        onClick={() => onLargeText(!preferences.largeText)}
      >
        <span className="text-size-icon" aria-hidden="true">
          A<span>A</span>
        </span>
        {t('toolbar.largeText')}
      </button>
    </header>
  );
}
