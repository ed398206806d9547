import { useTranslation } from 'react-i18next';
import type { VisitSummary } from '../../shared/contract/kiosk';
import { MediaView } from '../call/MediaView';
import { useMicrophoneLevel } from '../call/use-microphone-level';
import { LevelMeter } from '../ui/LevelMeter';

/**
 * Before the call: the person checks that they can be seen and heard, and learns whether the visit
 * is recorded. A legal visit is not, and says so; any other must be acknowledged before it starts.
 */
export function PrecheckScreen({
  visit,
  stream,
  busy,
  onContinue,
  onBack,
}: {
  visit: VisitSummary;
  /** The camera and microphone (null while they open), which the call goes on with. */
  stream: MediaStream | null;
  busy: boolean;
  onContinue: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const level = useMicrophoneLevel(stream);
  const { privileged } = visit;
  return (
    <main className="screen precheck">
      <header className="screen-header">
        <h1>{t('precheck.title')}</h1>
        <p className="lead">{t('precheck.with', { name: visit.visitorName })}</p>
      </header>
      <div className="precheck-layout">
        <div className="precheck-media">
          <MediaView className="precheck-self" stream={stream} label={t('precheck.camera')} muted />
          <div className="microphone">
            <span aria-hidden="true">{t('precheck.microphone')}</span>
            <LevelMeter className="microphone-level" label={t('precheck.microphone')} level={level} />
          </div>
          <p className="hint">{t('precheck.microphoneHint')}</p>
        </div>
        <section className={`notice${privileged ? ' privileged' : ''}`} aria-labelledby="precheck-notice">
          <h2 id="precheck-notice">{t(privileged ? 'precheck.privilegedTitle' : 'precheck.recordedTitle')}</h2>
          <p>{t(privileged ? 'precheck.privileged' : 'precheck.recorded')}</p>
          <div className="actions">
            <button type="button" className="button secondary" onClick={onBack} disabled={busy}>
              {t('precheck.back')}
            </button>
            <button type="button" className="button" onClick={onContinue} disabled={busy}>
              {t(privileged ? 'precheck.continue' : 'precheck.acknowledge')}
            </button>
          </div>
          <p className="message" role="status" aria-live="polite">
            {busy ? t('precheck.joining') : ''}
          </p>
        </section>
      </div>
    </main>
  );
}
