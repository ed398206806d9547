import { useTranslation } from 'react-i18next';
import type { MediaCheckMeasurement } from '../../shared/contract/media-check';
import type { CheckStep } from '../../shared/contract/setup';
import { useMediaCheckCall } from '../call/use-media-check-call';
import type { LocalMedia } from '../call/use-local-media';

/**
 * The console's network check on an idle kiosk: the same test call as first boot and the
 * technician's panel, under a calm screen with nothing to touch. An inmate who walks up reads that
 * it takes seconds; main ends it by itself (the echo room's 30 s and a grace at most), so nobody
 * waits on the renderer.
 */
export function NetworkCheckScreen({
  check,
  localMedia,
  onReport,
}: {
  check: CheckStep;
  localMedia: LocalMedia | null;
  onReport: (measurement: MediaCheckMeasurement) => void;
}) {
  const { t } = useTranslation();
  useMediaCheckCall(check, localMedia, onReport);
  return (
    <main className="screen closed">
      <h1>{t('networkCheck.title')}</h1>
      <p className="lead">{t('networkCheck.lead')}</p>
      <p>{t('networkCheck.camera')}</p>
      <p>{t('networkCheck.after')}</p>
    </main>
  );
}
