import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecommissionView } from '../../shared/contract/kiosk';
import type { Translate } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/**
 * Decommission at the technician's panel: asked once, then main waits for the outbox and says how
 * many records are left; forcing it with records left is asked a second time, with the count.
 */
export function TechnicianDecommission({
  view,
  inVisit,
  onStart,
  onCancel,
}: {
  view: DecommissionView;
  inVisit: boolean;
  onStart: (force: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'confirm' | 'force' | null>(null);
  const left = view?.stage === 'draining' || view?.stage === 'refused' ? view.pending : 0;

  return (
    <section className="technician-decommission" aria-labelledby="technician-decommission-title">
      <h3 id="technician-decommission-title">{t('technician.decommission.title')}</h3>
      <p className="message" role="status" aria-live="polite">
        {view === null ? '' : describe(t, view)}
      </p>
      <div className="actions">
        {view === null ? (
          <button type="button" className="button" disabled={inVisit} onClick={() => setAsking('confirm')}>
            {t('technician.decommission.open')}
          </button>
        ) : null}
        {view?.stage === 'draining' || (view?.stage === 'refused' && view.pending > 0) ? (
          <button type="button" className="button" onClick={() => setAsking('force')}>
            {t('technician.decommission.force')}
          </button>
        ) : null}
        {view?.stage === 'draining' ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('technician.decommission.stop')}
          </button>
        ) : null}
        {view?.stage === 'refused' ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('technician.decommission.dismiss')}
          </button>
        ) : null}
      </div>
      {asking === 'confirm' ? (
        <ConfirmDialog
          title={t('technician.decommission.confirmTitle')}
          backLabel={t('officer.no')}
          confirmLabel={t('technician.decommission.confirm')}
          onBack={() => setAsking(null)}
          onConfirm={() => onStart(false)}
        >
          <p>{t('technician.decommission.explain')}</p>
        </ConfirmDialog>
      ) : null}
      {asking === 'force' ? (
        <ConfirmDialog
          title={t('technician.decommission.forceTitle')}
          backLabel={t('technician.decommission.back')}
          confirmLabel={t('technician.decommission.forceConfirm', { count: left })}
          danger
          onBack={() => setAsking(null)}
          onConfirm={() => onStart(true)}
        >
          <p>{t('technician.decommission.forceExplain', { count: left })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function describe(t: Translate, view: NonNullable<DecommissionView>): string {
  switch (view.stage) {
    case 'draining':
      return t('technician.decommission.draining', { count: view.pending, delivered: view.delivered });
    case 'auditing':
      return t('technician.decommission.auditing');
    case 'wiped':
      return t('technician.decommission.wiped');
    case 'refused':
      return t(`technician.decommission.refused.${view.reason}`);
  }
}
