import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskMoveView } from '../../shared/contract/kiosk';
import { PlacementForm } from '../placement/PlacementForm';

/**
 * Moving the kiosk to another housing unit at the technician's panel: the server's units (the
 * current one marked), the place typed on the screen's keyboard; the server re-enrols the kiosk
 * there and it starts again in its new unit.
 */
export function TechnicianMove({
  view,
  onMove,
  onBack,
}: {
  view: NonNullable<KioskMoveView>;
  onMove: (housingUnitId: string, location: string) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const choosing = view.stage === 'choosing' ? view : undefined;
  const current = choosing?.housingUnits.find(({ id }) => id === choosing.current);
  const back = (
    <button type="button" className="button secondary" onClick={onBack} disabled={view.stage === 'moving'}>
      {t('technician.move.back')}
    </button>
  );

  return (
    <div className="dialog-backdrop staff-overlay">
      <section className="dialog staff-dialog staff-move" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('technician.move.title')}</h2>
        {current === undefined ? null : <p className="lead">{t('technician.move.current', { unit: current.name })}</p>}
        {view.stage === 'choosing' || view.stage === 'moving' ? (
          <PlacementForm
            units={choosing?.housingUnits ?? []}
            busy={view.stage === 'moving'}
            status={
              view.stage === 'moving'
                ? t('technician.move.moving')
                : view.failure === null
                  ? ''
                  : t(`technician.move.failure.${view.failure}`)
            }
            submitLabel={t('technician.move.confirm')}
            actions={back}
            onPlace={onMove}
          />
        ) : (
          <>
            <p className="message" role="status" aria-live="polite">
              {view.stage === 'loading'
                ? t('technician.move.loading')
                : view.stage === 'moved'
                  ? t('technician.move.moved', {
                      unit: view.placement.housingUnit.name,
                      location: view.placement.location,
                    })
                  : t(`technician.move.failure.${view.reason}`)}
            </p>
            {view.stage === 'moved' ? null : <div className="actions">{back}</div>}
          </>
        )}
      </section>
    </div>
  );
}
