import { useId, useState } from 'react';
import type { ConsoleKiosk } from '../../../src/shared/protocol/console';
import {
  outOfServiceReasonSchema,
  type OutOfServiceReason,
  type StaffAction,
} from '../../../src/shared/protocol/staff';
import { DiagnosticsPanel, type DiagnosticsView } from './diagnostics-panel';
import { inmateErrorText, mediaCheckText, updateText, type Strings } from './i18n';

export interface KioskCardProps {
  t: Strings;
  kiosk: ConsoleKiosk;
  /** The result of the last action on this kiosk, in words. */
  result: string | undefined;
  formatTime(iso: string): string;
  onAction(action: StaffAction): void;
  /** Undefined until staff ask for this kiosk's diagnostics. */
  diagnostics: DiagnosticsView | undefined;
  /** Collect a new bundle now (online only), or show the last one the server kept. */
  onDiagnostics(kind: 'collect' | 'last'): void;
  /** True while the network check the console asked for runs. */
  checking: boolean;
  /** Run the kiosk's network and media check now (online and idle only; the kiosk refuses otherwise). */
  onNetworkCheck(): void;
}

/** One kiosk: its live status from heartbeats and its actions, unavailable while it is offline. */
export function KioskCard({
  t,
  kiosk,
  result,
  formatTime,
  onAction,
  diagnostics,
  onDiagnostics,
  checking,
  onNetworkCheck,
}: KioskCardProps) {
  const [reason, setReason] = useState<OutOfServiceReason>('maintenance');
  const [message, setMessage] = useState('');
  const ids = useId();
  const { status } = kiosk;
  const service = status?.service;
  const visitId = status?.visitId ?? null;
  const visitState = status?.visitState ?? null;
  const offline = !kiosk.online;
  const button = (label: string, action: StaffAction, disabled = false) => (
    <button type="button" disabled={offline || disabled} onClick={() => onAction(action)}>
      {label}
    </button>
  );

  return (
    <article className={`kiosk ${offline ? 'is-offline' : ''}`} aria-labelledby={`${ids}-name`}>
      <h4 id={`${ids}-name`}>{t.kioskLabel(kiosk.kioskId)}</h4>
      {kiosk.location === null ? null : <p className="location">{kiosk.location}</p>}
      <dl>
        <dt>{t.field.connection}</dt>
        <dd>
          {kiosk.online ? t.online : t.offline}
          {kiosk.online
            ? ''
            : `, ${kiosk.lastSeenAt === null ? t.neverSeen : t.lastSeen(formatTime(kiosk.lastSeenAt))}`}
        </dd>
        <dt>{t.field.screen}</dt>
        <dd>{status?.screen ?? '—'}</dd>
        <dt>{t.field.service}</dt>
        <dd>
          {service === undefined ? t.service.unknown : t.service[service.state]}
          {service?.state === 'out_of_service' ? ` (${t.outOfServiceReason[service.reason]})` : ''}
        </dd>
        <dt>{t.field.visit}</dt>
        <dd>
          {visitId === null ? t.noVisit : `${visitId}${visitState === null ? '' : `: ${t.visitState[visitState]}`}`}
        </dd>
        <dt>{t.field.devices}</dt>
        <dd>
          {status === null || Object.keys(status.devices).length === 0
            ? t.devicesNone
            : Object.entries(status.devices)
                .map(([device, health]) => `${device} ${health}`)
                .join(', ')}
        </dd>
        <dt>{t.field.outbox}</dt>
        <dd>{status === null ? '—' : t.outboxPending(status.outboxPending)}</dd>
        <dt>{t.field.today}</dt>
        <dd>
          {status?.today === undefined
            ? '—'
            : t.today(
                status.today.visits,
                status.today.connectedMinutes,
                status.today.lostMinutes,
                status.today.reconnects,
              )}
        </dd>
        <dt>{t.field.lastInmateError}</dt>
        <dd>
          {status?.lastInmateError === undefined || status.lastInmateError === null
            ? t.noInmateError
            : t.lastInmateError(inmateErrorText(t, status.lastInmateError.code), formatTime(status.lastInmateError.at))}
        </dd>
        <dt>{t.networkCheck.field}</dt>
        <dd>
          {kiosk.lastMediaCheck === null
            ? t.networkCheck.never
            : t.networkCheck.at(mediaCheckText(t, kiosk.lastMediaCheck), formatTime(kiosk.lastMediaCheck.checkedAt))}
        </dd>
        <dt>{t.field.version}</dt>
        <dd>{status?.appVersion ?? '—'}</dd>
        <dt>{t.field.update}</dt>
        <dd>{status?.update === undefined ? '—' : updateText(t, status.update)}</dd>
      </dl>
      <div role="group" aria-label={`${t.actions}: ${t.kioskLabel(kiosk.kioskId)}`} className="actions">
        {offline ? <p className="note">{t.unavailableOffline}</p> : null}
        {button(t.action.lock, { type: 'lock' })}
        {button(t.action.unlock, { type: 'unlock' })}
        {button(t.action.end_visit, visitId === null ? { type: 'end_visit' } : { type: 'end_visit', visitId })}
        {button(t.action.reset, { type: 'reset' })}
        <span className="with-input">
          <label htmlFor={`${ids}-reason`}>{t.reasonLabel}</label>
          <select
            id={`${ids}-reason`}
            value={reason}
            disabled={offline}
            onChange={(event) => setReason(outOfServiceReasonSchema.parse(event.target.value))}
          >
            {outOfServiceReasonSchema.options.map((option) => (
              <option key={option} value={option}>
                {t.outOfServiceReason[option]}
              </option>
            ))}
          </select>
          {button(t.action.set_out_of_service, { type: 'set_out_of_service', reason })}
        </span>
        {button(t.action.set_in_service, { type: 'set_in_service' })}
        {button(t.action.restart_app, { type: 'restart_app' }, visitId !== null)}
        {button(t.action.reboot, { type: 'reboot' }, visitId !== null)}
        <span className="with-input">
          <label htmlFor={`${ids}-message`}>{t.messageLabel}</label>
          <input
            id={`${ids}-message`}
            value={message}
            maxLength={500}
            disabled={offline}
            onChange={(event) => setMessage(event.target.value)}
          />
          {button(t.action.show_message, { type: 'show_message', text: message.trim() }, message.trim() === '')}
        </span>
      </div>
      <p role="status" className="result">
        {result}
      </p>
      <div role="group" aria-label={`${t.diagnostics.region(kiosk.kioskId)}`} className="actions">
        <button
          type="button"
          disabled={offline || diagnostics?.state === 'collecting'}
          onClick={() => onDiagnostics('collect')}
        >
          {t.diagnostics.collect}
        </button>
        <button type="button" onClick={() => onDiagnostics('last')}>
          {t.diagnostics.showLast}
        </button>
        <button type="button" disabled={offline || checking || visitId !== null} onClick={onNetworkCheck}>
          {t.networkCheck.run}
        </button>
      </div>
      {diagnostics === undefined ? null : (
        <DiagnosticsPanel t={t} kioskId={kiosk.kioskId} view={diagnostics} formatTime={formatTime} />
      )}
    </article>
  );
}
