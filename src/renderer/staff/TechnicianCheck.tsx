import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TechnicianCheckView } from '../../shared/contract/kiosk';
import type { MediaCheckMeasurement } from '../../shared/contract/media-check';
import { useMediaCheckCall } from '../call/use-media-check-call';
import type { LocalMedia } from '../call/use-local-media';
import { CheckResults } from '../screens/setup/CheckResults';

/**
 * The network and media check again, at the technician's panel: first boot's test call through
 * the echo room with the kiosk's devices as they stand, its figures when it passes, what is
 * missing when it does not, and another try.
 */
export function TechnicianCheck({
  view,
  localMedia,
  onReport,
  onAgain,
  onClose,
}: {
  view: NonNullable<TechnicianCheckView>;
  localMedia: LocalMedia | null;
  onReport: (measurement: MediaCheckMeasurement) => void;
  onAgain: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const { step, refused } = view;
  const progress = useMediaCheckCall(step, localMedia, onReport);
  const result = step.status === 'idle' ? step.result : null;
  const status =
    refused !== null
      ? t(`technician.check.refused.${refused}`)
      : step.status === 'opening'
        ? t('setup.check.opening')
        : step.status === 'running'
          ? t(`setup.check.progress.${progress}`)
          : result === null
            ? ''
            : result.ok
              ? t('technician.check.passed')
              : t(`setup.check.failure.${result.failure}`);

  return (
    <div className="dialog-backdrop staff-overlay">
      <section className="dialog staff-dialog staff-check" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('technician.check.title')}</h2>
        <p className="message" role="status" aria-live="polite">
          {status}
        </p>
        {result === null ? null : <CheckResults result={result} />}
        <div className="actions">
          {step.status === 'idle' && refused === null ? (
            <button type="button" className="button" onClick={onAgain}>
              {t('setup.check.retry')}
            </button>
          ) : null}
          <button type="button" className="button secondary" onClick={onClose}>
            {t('technician.check.close')}
          </button>
        </div>
      </section>
    </div>
  );
}
