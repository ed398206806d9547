import { useTranslation } from 'react-i18next';
import type { ContractFailure } from '../../shared/contract/frames';

/** Shown when the renderer cannot reach main; the detail helps a technician, the rest an inmate. */
export function UnavailableScreen({ failure }: { failure: ContractFailure }) {
  const { t, i18n } = useTranslation();
  return (
    <main className="screen unavailable">
      <div className="unavailable-message" role="alert">
        {failure.code === 'untrusted_sender' ? (
          // Nobody has chosen a language before main answers, so a refused page says it in both.
          (['en', 'es'] as const).map((language) => {
            const say = i18n.getFixedT(language);
            return (
              <section key={language} lang={language}>
                {language === 'en' ? <h1>{say('refused.title')}</h1> : <h2>{say('refused.title')}</h2>}
                <p className="lead">{say('refused.lead')}</p>
              </section>
            );
          })
        ) : (
          <>
            <h1>{t('unavailable.title')}</h1>
            <p className="lead">{t('unavailable.lead')}</p>
          </>
        )}
        <p className="detail">{failure.message}</p>
      </div>
    </main>
  );
}
