import { useTranslation } from 'react-i18next';
import type { MediaCheckResult } from '../../../shared/contract/media-check';

/** A passing check's figures, in words a technician can read out to the facility's IT. */
export function CheckResults({ result }: { result: MediaCheckResult }) {
  const { t } = useTranslation();
  if (!result.ok) return null;
  return (
    <dl className="check-results">
      <dt>{t('setup.check.results.path')}</dt>
      <dd>{t(`setup.check.results.${result.path}`)}</dd>
      <dt>{t('setup.check.results.roundTrip')}</dt>
      <dd>
        {result.roundTripMs === null
          ? t('setup.check.results.unmeasured')
          : t('setup.check.results.ms', { value: result.roundTripMs })}
      </dd>
      <dt>{t('setup.check.results.loss')}</dt>
      <dd>{t('setup.check.results.percent', { value: result.packetLossPercent })}</dd>
      <dt>{t('setup.check.results.video')}</dt>
      <dd>{t('setup.check.results.kbps', { value: result.videoBitrateKbps })}</dd>
    </dl>
  );
}
