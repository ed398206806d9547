import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../shared/contract/client';
import type { DeviceSelection } from '../../shared/contract/devices';
import type { KioskAtAGlance, Language, StaffDiagnostics, StaffOverlay } from '../../shared/contract/kiosk';
import { DeviceChooser } from '../devices/DeviceChooser';
import { outOfServiceReasonSchema, type OutOfServiceReason, type StaffAction } from '../../shared/protocol/staff';
import type { Translate } from '../i18n/i18n';
import { formatCountdown } from '../time/format';
import { useTimeLeft } from '../time/use-time-left';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { TechnicianDecommission } from './TechnicianDecommission';
import { TechnicianDiagnostics } from './TechnicianDiagnostics';
import { TechnicianCheck } from './TechnicianCheck';
import { TechnicianMove } from './TechnicianMove';
import type { LocalMedia } from '../call/use-local-media';
import type { MediaCheckMeasurement } from '../../shared/contract/media-check';

type PanelView = Extract<NonNullable<StaffOverlay>, { stage: 'panel' }>;

/**
 * The staff panel: the kiosk at a glance and the staff actions, each confirmed before it is sent.
 * Main decides and audits; the panel shows main's answer to the last one. A technician also finds
 * the diagnostics and decommission here (main refuses them to anyone else).
 */
export function StaffPanel({
  view,
  language,
  onAct,
  onDiagnostics,
  onDecommission,
  onCancelDecommission,
  onChooseDevices,
  onStartMove,
  onMove,
  onCancelMove,
  localMedia,
  onStartCheck,
  onReportCheck,
  onCloseCheck,
  onSignOut,
}: {
  view: PanelView;
  language: Language;
  onAct: (action: StaffAction) => void;
  onDiagnostics: () => Promise<Outcome<StaffDiagnostics>>;
  onDecommission: (force: boolean) => void;
  onCancelDecommission: () => void;
  onChooseDevices: (selection: DeviceSelection) => void;
  onStartMove: () => void;
  onMove: (housingUnitId: string, location: string) => void;
  onCancelMove: () => void;
  /** The camera and microphone, open while a network check is under way. */
  localMedia: LocalMedia | null;
  onStartCheck: () => void;
  onReportCheck: (measurement: MediaCheckMeasurement) => void;
  onCloseCheck: () => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [confirming, setConfirming] = useState<StaffAction | null>(null);
  const [diagnostics, setDiagnostics] = useState(false);
  const technician = view.staff.role === 'technician';
  const [reason, setReason] = useState<OutOfServiceReason>('maintenance');
  const [choosingDevices, setChoosingDevices] = useState(false);
  const { kiosk } = view;
  const [shownChange, setShownChange] = useState(view.lastDeviceChange);
  if (view.lastDeviceChange !== shownChange) {
    setShownChange(view.lastDeviceChange);
    // Main took the devices: back to the panel, which says so.
    if (view.lastDeviceChange?.status === 'accepted') setChoosingDevices(false);
  }
  if (choosingDevices && view.devices !== null) {
    return (
      <div className="dialog-backdrop staff-overlay">
        <section
          className="dialog staff-dialog staff-devices"
          role="dialog"
          aria-modal="true"
          aria-labelledby={titleId}
        >
          <h2 id={titleId}>{t('officer.changeDevices.title')}</h2>
          <p className="message" role="status" aria-live="polite">
            {view.lastDeviceChange?.status === 'refused'
              ? t(`officer.changeDevices.refused.${view.lastDeviceChange.reason ?? 'not_permitted'}`)
              : ''}
          </p>
          <DeviceChooser
            chooser={view.devices}
            confirmLabel={t('officer.changeDevices.confirm')}
            onChoose={onChooseDevices}
          />
          <div className="actions">
            <button type="button" className="button secondary" onClick={() => setChoosingDevices(false)}>
              {t('officer.changeDevices.back')}
            </button>
          </div>
        </section>
      </div>
    );
  }
  if (view.move !== null) return <TechnicianMove view={view.move} onMove={onMove} onBack={onCancelMove} />;
  if (view.check !== null) {
    return (
      <TechnicianCheck
        view={view.check}
        localMedia={localMedia}
        onReport={onReportCheck}
        onAgain={onStartCheck}
        onClose={onCloseCheck}
      />
    );
  }
  const closed = kiosk.service.state !== 'in_service';
  const choices: StaffAction[] = [
    kiosk.service.state === 'locked' ? { type: 'unlock' } : { type: 'lock' },
    { type: 'end_visit', ...(kiosk.visit === null ? {} : { visitId: kiosk.visit.visitId }) },
    { type: 'reset' },
    kiosk.service.state === 'out_of_service' ? { type: 'set_in_service' } : { type: 'set_out_of_service', reason },
    { type: 'restart_app' },
  ];

  return (
    <div className="dialog-backdrop staff-overlay">
      <section className="dialog staff-dialog staff-panel" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('officer.panelTitle')}</h2>
        <p>{t('officer.signedInAs', { name: view.staff.displayName, role: t(`officer.role.${view.staff.role}`) })}</p>
        <Glance kiosk={kiosk} />
        <p className="message" role="status" aria-live="polite">
          {view.lastDeviceChange?.status === 'accepted'
            ? t('officer.changeDevices.accepted')
            : view.lastAction === null
              ? ''
              : describeOutcome(t, view.lastAction)}
        </p>
        {technician && diagnostics ? (
          <TechnicianDiagnostics language={language} collect={onDiagnostics} onClose={() => setDiagnostics(false)} />
        ) : null}
        {technician ? (
          <TechnicianDecommission
            view={view.decommission}
            inVisit={kiosk.visit !== null}
            onStart={onDecommission}
            onCancel={onCancelDecommission}
          />
        ) : null}
        <h3>{t('officer.actions')}</h3>
        {kiosk.service.state === 'out_of_service' ? null : (
          <fieldset className="reason-choice">
            <legend>{t('officer.chooseReason')}</legend>
            {outOfServiceReasonSchema.options.map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name="out-of-service-reason"
                  checked={reason === option}
                  onChange={() => setReason(option)}
                />
                {t(`officer.outOfServiceReason.${option}`)}
              </label>
            ))}
          </fieldset>
        )}
        <div className="actions staff-actions">
          {choices.map((action) => (
            <button
              key={action.type}
              type="button"
              className="button"
              disabled={
                (action.type === 'end_visit' && kiosk.visit === null) ||
                (action.type === 'restart_app' && kiosk.visit !== null) ||
                (action.type === 'lock' && closed)
              }
              onClick={() => setConfirming(action)}
            >
              {t(`officer.action.${action.type}`)}
            </button>
          ))}
          {technician ? (
            <button type="button" className="button" disabled={diagnostics} onClick={() => setDiagnostics(true)}>
              {t('technician.diagnostics.open')}
            </button>
          ) : null}
          {!technician || view.devices === null ? null : (
            <button
              type="button"
              className="button"
              // The call would lose its camera or sound: main refuses it too.
              disabled={kiosk.visit !== null}
              onClick={() => setChoosingDevices(true)}
            >
              {t('officer.changeDevices.open')}
            </button>
          )}
          {technician ? (
            <>
              <button type="button" className="button" disabled={kiosk.visit !== null} onClick={onStartCheck}>
                {t('technician.check.open')}
              </button>
              <button type="button" className="button" disabled={kiosk.visit !== null} onClick={onStartMove}>
                {t('technician.move.open')}
              </button>
            </>
          ) : null}
          <button type="button" className="button secondary" onClick={onSignOut}>
            {t('officer.signOut')}
          </button>
        </div>
        {confirming === null ? null : (
          <ConfirmDialog
            title={t(`officer.action.${confirming.type}`)}
            backLabel={t('officer.no')}
            confirmLabel={t('officer.yes')}
            onBack={() => setConfirming(null)}
            onConfirm={() => onAct(confirming)}
          >
            <p>{t(`officer.confirm.${confirming.type}`)}</p>
            {confirming.type === 'set_out_of_service' ? (
              <p>{t(`officer.outOfServiceReason.${confirming.reason}`)}</p>
            ) : null}
          </ConfirmDialog>
        )}
      </section>
    </div>
  );
}

function Glance({ kiosk }: { kiosk: KioskAtAGlance }) {
  const { t } = useTranslation();
  const left = useTimeLeft(kiosk.visit === null ? 0 : Date.parse(kiosk.visit.endsAt));
  const devices = Object.entries(kiosk.devices);
  return (
    <section aria-label={t('officer.glance')}>
      <dl className="glance">
        <dt>{t('officer.service')}</dt>
        <dd>
          {t(`officer.serviceState.${kiosk.service.state}`)}
          {kiosk.service.state === 'out_of_service'
            ? ` (${t(`officer.outOfServiceReason.${kiosk.service.reason}`)})`
            : ''}
        </dd>
        <dt>{t('officer.visit')}</dt>
        <dd>
          {kiosk.visit === null
            ? t('officer.noVisit')
            : t('officer.visitWith', {
                name: kiosk.visit.visitorName,
                countdown: formatCountdown(left),
                connection: t(`officer.connection.${kiosk.visit.state}`),
              })}
        </dd>
        <dt>{t('officer.devices')}</dt>
        <dd>
          {devices.length === 0
            ? t('officer.noDevices')
            : devices.map(([name, health]) => `${name}: ${t(`officer.deviceHealth.${health}`)}`).join(', ')}
        </dd>
        <dt>{t('officer.serverLink')}</dt>
        <dd>{t(`officer.link.${kiosk.serverLink}`)}</dd>
        <dt>{t('officer.outbox')}</dt>
        <dd>{kiosk.outboxPending}</dd>
        <dt>{t('officer.version')}</dt>
        <dd>{kiosk.version}</dd>
      </dl>
    </section>
  );
}

function describeOutcome(t: Translate, outcome: NonNullable<PanelView['lastAction']>): string {
  const action = t(`officer.action.${outcome.action.type}`);
  if (outcome.status === 'accepted') return t('officer.accepted', { action });
  return t('officer.refused', { reason: t(`officer.refusal.${outcome.reason ?? 'not_permitted'}`) });
}
