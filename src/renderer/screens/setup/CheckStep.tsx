import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaCheckMeasurement } from '../../../shared/contract/media-check';
import type { CheckStep as CheckView } from '../../../shared/contract/setup';
import { useMediaCheckCall } from '../../call/use-media-check-call';
import type { LocalMedia } from '../../call/use-local-media';

/**
 * Setup's network and media check: a short test call through the server's echo room with the
 * kiosk's own camera and microphone. Main asks for the room and judges what this screen measured;
 * a failure is said here with a retry, a pass goes on to done.
 */
export function CheckStep({
  housingUnit,
  location,
  check,
  localMedia,
  onReport,
  onRetry,
}: {
  housingUnit: string;
  location: string;
  check: CheckView;
  localMedia: LocalMedia | null;
  onReport: (measurement: MediaCheckMeasurement) => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const progress = useMediaCheckCall(check, localMedia, onReport);
  const failure = check.status === 'idle' && check.result?.ok === false ? check.result.failure : null;
  return (
    <section className="setup-step" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('setup.check.title')}</h2>
      <p className="lead">{t('setup.check.lead', { unit: housingUnit, location })}</p>
      <p className="message" role="status" aria-live="polite">
        {check.status === 'opening' ? t('setup.check.opening') : null}
        {check.status === 'running' ? t(`setup.check.progress.${progress}`) : null}
      </p>
      {failure === null ? null : (
        <div role="alert">
          <p className="message">{t(`setup.check.failure.${failure}`)}</p>
          <div className="actions">
            <button type="button" className="button" onClick={onRetry}>
              {t('setup.check.retry')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
