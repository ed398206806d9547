import { useCallback, useEffect, useState } from 'react';
import { staffSessionSchema, type StaffSession } from '../../../src/shared/protocol/staff';
import { Dashboard } from './dashboard';
import { strings, type Language } from './i18n';
import { SignIn } from './sign-in';

// Per tab, so a reload keeps the officer signed in and closing the tab forgets the session.
const sessionKey = 'officer-console-session';

function storedSession(): StaffSession | undefined {
  const parsed = staffSessionSchema.safeParse(JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null'));
  return parsed.success && Date.parse(parsed.data.expiresAt) > Date.now() ? parsed.data : undefined;
}

export function App() {
  const [language, setLanguage] = useState<Language>(navigator.language.startsWith('es') ? 'es' : 'en');
  const [session, setSession] = useState<StaffSession | undefined>(storedSession);
  const [notice, setNotice] = useState<string | undefined>();
  const t = strings[language];

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t.title;
  }, [language, t]);

  const signedIn = (next: StaffSession): void => {
    sessionStorage.setItem(sessionKey, JSON.stringify(next));
    setNotice(undefined);
    setSession(next);
  };
  const signedOut = useCallback((why?: string): void => {
    sessionStorage.removeItem(sessionKey);
    setNotice(why);
    setSession(undefined);
  }, []);

  return (
    <>
      <header className="top">
        <h1>{t.title}</h1>
        <button
          type="button"
          lang={language === 'en' ? 'es' : 'en'}
          aria-label={t.switchLanguage}
          onClick={() => setLanguage(language === 'en' ? 'es' : 'en')}
        >
          {t.otherLanguage}
        </button>
      </header>
      <main>
        {session === undefined ? (
          <SignIn t={t} notice={notice} onSignedIn={signedIn} />
        ) : (
          <Dashboard t={t} language={language} session={session} onSignedOut={signedOut} />
        )}
      </main>
    </>
  );
}
