import { useCallback, useMemo, useState } from 'react';
import type {
  AuditEntry,
  ConsoleHousingUnit,
  ConsoleSnapshot,
  ConsoleVisit,
} from '../../../src/shared/protocol/console';
import type { StaffAction, StaffSession } from '../../../src/shared/protocol/staff';
import type { UpdateChannel } from '../../../src/shared/protocol/updates';
import { ConfirmDialog, type PendingConfirmation } from './confirm-dialog';
import type { DiagnosticsView } from './diagnostics-panel';
import { FleetView } from './fleet-view';
import { mediaCheckOutcomeText, outcomeText, type Language, type Strings, type VisitLiveState } from './i18n';
import { KioskCard } from './kiosk-card';
import { UpdateChannelControl } from './update-channel';
import { useConsole, type ConsoleRpc } from './use-console';

/** The server waits up to 20 s for the kiosk (`diagnosticsTimeoutMs`); the page waits a little longer. */
const diagnosticsWaitMs = 25_000;
/** The server waits up to `mediaCheckRunTimeoutMs` (45 s) for the kiosk's check; the page a little longer. */
const networkCheckWaitMs = 50_000;

interface DashboardProps {
  t: Strings;
  language: Language;
  session: StaffSession;
  onSignedOut(notice?: string): void;
}

/** The officer's desk: every housing unit with its kiosks, today's visits and the audit, live. */
export function Dashboard({ t, language, session, onSignedOut }: DashboardProps) {
  const sessionEnded = useCallback(() => onSignedOut(t.sessionEnded), [onSignedOut, t]);
  const { snapshot, connection, rpc } = useConsole(session.token, sessionEnded);
  const [pending, setPending] = useState<PendingConfirmation | undefined>();
  const [results, setResults] = useState<Record<string, string>>({});
  const time = useMemo(() => new Intl.DateTimeFormat(language, { timeStyle: 'short' }), [language]);
  const formatTime = useCallback((iso: string) => time.format(new Date(iso)), [time]);
  const note = (key: string, text: string) => setResults((current) => ({ ...current, [key]: text }));
  const [diagnostics, setDiagnostics] = useState<Record<string, DiagnosticsView>>({});
  const showDiagnostics = (kioskId: string, view: DiagnosticsView) =>
    setDiagnostics((current) => ({ ...current, [kioskId]: view }));

  // Reading a kiosk's state changes nothing on it, so it needs no confirmation; it is audited.
  async function kioskDiagnostics(kioskId: string, kind: 'collect' | 'last'): Promise<void> {
    if (kind === 'last') {
      const answer = await rpc.request('kiosk.diagnostics', { kioskId });
      if (!answer.ok) return showDiagnostics(kioskId, { state: 'failed' });
      const kept = answer.result.diagnostics;
      return showDiagnostics(kioskId, kept === null ? { state: 'none' } : { state: 'shown', diagnostics: kept });
    }
    showDiagnostics(kioskId, { state: 'collecting' });
    const answer = await rpc.request('kiosk.collectDiagnostics', { kioskId }, { timeoutMs: diagnosticsWaitMs });
    if (!answer.ok) return showDiagnostics(kioskId, { state: 'failed' });
    const { outcome } = answer.result;
    showDiagnostics(
      kioskId,
      outcome.status === 'collected' ? { state: 'shown', diagnostics: outcome.diagnostics } : { state: outcome.status },
    );
  }

  // The check takes an idle kiosk's screen for seconds and cuts nothing (the kiosk refuses when in use), so no confirmation.
  const [checking, setChecking] = useState<ReadonlySet<string>>(new Set());
  async function networkCheck(kioskId: string): Promise<void> {
    setChecking((current) => new Set([...current, kioskId]));
    note(kioskId, t.networkCheck.running(kioskId));
    const answer = await rpc.request('kiosk.runMediaCheck', { kioskId }, { timeoutMs: networkCheckWaitMs });
    setChecking((current) => new Set([...current].filter((id) => id !== kioskId)));
    note(
      kioskId,
      t.networkCheck.done(kioskId, answer.ok ? mediaCheckOutcomeText(t, answer.result.outcome) : t.outcome.error),
    );
  }

  function confirmKiosk(kioskId: string, action: StaffAction): void {
    const label = t.action[action.type];
    setPending({
      question: t.confirm.kiosk(label, kioskId),
      run: async () => {
        const answer = await rpc.request('kiosk.command', { kioskId, action });
        note(kioskId, t.result(label, kioskId, answer.ok ? outcomeText(t, answer.result.outcome) : t.outcome.error));
      },
    });
  }

  function confirmUnit(unit: ConsoleHousingUnit, action: StaffAction, label: string): void {
    setPending({
      question: t.confirm.unit(label, unit.name),
      run: async () => {
        const answer = await rpc.request('housingUnit.command', { housingUnitId: unit.id, action });
        if (!answer.ok) return note(unit.id, t.outcome.error);
        for (const outcome of answer.result.results) {
          note(outcome.kioskId, t.result(t.action[action.type], outcome.kioskId, outcomeText(t, outcome)));
        }
        note(
          unit.id,
          answer.result.results
            .map((outcome) => t.result(t.action[action.type], outcome.kioskId, outcomeText(t, outcome)))
            .join('; '),
        );
      },
    });
  }

  function confirmChannel(unit: ConsoleHousingUnit, channel: UpdateChannel): void {
    const name = t.updateChannel.name[channel];
    setPending({
      question: t.updateChannel.confirm(unit.name, name),
      run: async () => {
        const answer = await rpc.request('housingUnit.setUpdateChannel', { housingUnitId: unit.id, channel });
        note(`${unit.id}-channel`, answer.ok ? t.updateChannel.changed(unit.name, name) : t.outcome.error);
      },
    });
  }

  async function signOut(): Promise<void> {
    await rpc.request('console.signOut', {});
    onSignedOut();
  }

  return (
    <>
      <header className="bar">
        <p>{t.signedInAs(session.staff.displayName)}</p>
        <button type="button" onClick={() => void signOut()}>
          {t.signOut}
        </button>
      </header>
      <p role="status" className="connection">
        {connection === 'connecting' ? t.connecting : connection === 'lost' ? t.disconnected : ''}
      </p>
      {snapshot === undefined ? null : (
        <>
          <FleetView t={t} units={snapshot.housingUnits} serverTime={snapshot.serverTime} formatTime={formatTime} />
          {snapshot.housingUnits.map((unit) => (
            <UnitSection
              key={unit.id}
              t={t}
              unit={unit}
              rpc={rpc}
              results={results}
              formatTime={formatTime}
              onKioskAction={confirmKiosk}
              diagnostics={diagnostics}
              onDiagnostics={(kioskId, kind) => void kioskDiagnostics(kioskId, kind)}
              checking={checking}
              onNetworkCheck={(kioskId) => void networkCheck(kioskId)}
              onUnitAction={(action, label) => confirmUnit(unit, action, label)}
              // The server decides (officers only); the page offers the change only to whom it would allow.
              mayChangeChannel={session.staff.role === 'officer'}
              onChannel={(channel) => confirmChannel(unit, channel)}
              onNote={note}
            />
          ))}
          <Visits
            t={t}
            snapshot={snapshot}
            formatTime={formatTime}
            result={results['visits']}
            onEnd={(visit) =>
              setPending({
                question: t.confirm.visit(visit.visitorName, visit.inmateName),
                run: async () => {
                  const answer = await rpc.request('visit.end', { visitId: visit.visitId });
                  note('visits', answer.ok ? t.visits.ended : t.outcome.error);
                },
              })
            }
          />
          <Audit t={t} entries={snapshot.audit} formatTime={formatTime} />
        </>
      )}
      <ConfirmDialog t={t} pending={pending} onClose={() => setPending(undefined)} />
    </>
  );
}

function UnitSection(props: {
  t: Strings;
  unit: ConsoleHousingUnit;
  rpc: ConsoleRpc;
  results: Record<string, string>;
  formatTime(iso: string): string;
  onKioskAction(kioskId: string, action: StaffAction): void;
  diagnostics: Record<string, DiagnosticsView>;
  onDiagnostics(kioskId: string, kind: 'collect' | 'last'): void;
  checking: ReadonlySet<string>;
  onNetworkCheck(kioskId: string): void;
  onUnitAction(action: StaffAction, label: string): void;
  mayChangeChannel: boolean;
  onChannel(channel: UpdateChannel): void;
  onNote(key: string, text: string): void;
}) {
  const { t, unit, rpc, results, formatTime } = props;
  const [newCode, setNewCode] = useState<string | undefined>();
  const headingId = `unit-${unit.id}`;

  async function issue(replaces?: string): Promise<void> {
    const answer = await rpc.request('offlineCode.issue', {
      housingUnitId: unit.id,
      ...(replaces === undefined ? {} : { replaces }),
    });
    if (answer.ok) setNewCode(answer.result.code);
    props.onNote(`${unit.id}-codes`, answer.ok ? t.offlineCodes.issued : t.outcome.error);
  }

  async function revoke(codeId: string): Promise<void> {
    const answer = await rpc.request('offlineCode.revoke', { codeId });
    props.onNote(`${unit.id}-codes`, answer.ok ? t.offlineCodes.revoked : t.outcome.error);
  }

  return (
    <section aria-labelledby={headingId} className="unit">
      <h2 id={headingId}>{t.housingUnit(unit.name)}</h2>
      <div role="group" aria-label={t.unitActions} className="actions">
        <button type="button" onClick={() => props.onUnitAction({ type: 'lock' }, t.unitAction.lock)}>
          {t.unitAction.lock}
        </button>
        <button type="button" onClick={() => props.onUnitAction({ type: 'unlock' }, t.unitAction.unlock)}>
          {t.unitAction.unlock}
        </button>
      </div>
      <p role="status" className="result">
        {results[unit.id]}
      </p>
      <UpdateChannelControl
        t={t}
        unit={unit}
        mayChange={props.mayChangeChannel}
        result={results[`${unit.id}-channel`]}
        onChange={props.onChannel}
      />
      <h3>{t.kiosks}</h3>
      {unit.kiosks.length === 0 ? <p>{t.noKiosks}</p> : null}
      <div className="kiosks">
        {unit.kiosks.map((kiosk) => (
          <KioskCard
            key={kiosk.kioskId}
            t={t}
            kiosk={kiosk}
            result={results[kiosk.kioskId]}
            formatTime={formatTime}
            onAction={(action) => props.onKioskAction(kiosk.kioskId, action)}
            diagnostics={props.diagnostics[kiosk.kioskId]}
            onDiagnostics={(kind) => props.onDiagnostics(kiosk.kioskId, kind)}
            checking={props.checking.has(kiosk.kioskId)}
            onNetworkCheck={() => props.onNetworkCheck(kiosk.kioskId)}
          />
        ))}
      </div>
      <h3>{t.offlineCodes.heading}</h3>
      <p className="note">{t.offlineCodes.explain}</p>
      <button type="button" onClick={() => void issue()}>
        {t.offlineCodes.issue}
      </button>
      {newCode === undefined ? null : (
        <div className="new-code" role="region" aria-label={t.offlineCodes.newCode}>
          <p>
            {t.offlineCodes.newCode}: <code>{newCode}</code>
          </p>
          <p>{t.offlineCodes.showOnce}</p>
        </div>
      )}
      <p role="status" className="result">
        {results[`${unit.id}-codes`]}
      </p>
      {unit.offlineCodes.length === 0 ? (
        <p>{t.offlineCodes.none}</p>
      ) : (
        <ul className="codes">
          {unit.offlineCodes.map((code) => (
            <li key={code.codeId}>
              {t.offlineCodes.code(code.codeId.slice(0, 8))} ({code.staffId}):{' '}
              {code.usedAt === null
                ? t.offlineCodes.unused(formatTime(code.expiresAt))
                : t.offlineCodes.used(code.usedAtKiosk ?? '—', formatTime(code.usedAt))}{' '}
              {code.replacementDue ? (
                <button type="button" onClick={() => void issue(code.codeId)}>
                  {t.offlineCodes.issueReplacement}
                </button>
              ) : (
                <button type="button" onClick={() => void revoke(code.codeId)}>
                  {t.offlineCodes.revoke}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function liveState(visit: ConsoleVisit, snapshot: ConsoleSnapshot): VisitLiveState {
  if (visit.status !== 'open') return visit.status;
  for (const unit of snapshot.housingUnits) {
    for (const kiosk of unit.kiosks) {
      if (kiosk.online && kiosk.status?.visitId === visit.visitId && kiosk.status.visitState !== null) {
        return kiosk.status.visitState;
      }
    }
  }
  return 'open';
}

function Visits(props: {
  t: Strings;
  snapshot: ConsoleSnapshot;
  result: string | undefined;
  formatTime(iso: string): string;
  onEnd(visit: ConsoleVisit): void;
}) {
  const { t, snapshot, formatTime } = props;
  const unitName = (id: string) => snapshot.housingUnits.find((unit) => unit.id === id)?.name ?? id;
  return (
    <section aria-labelledby="visits-heading">
      <h2 id="visits-heading">{t.visits.heading}</h2>
      <p role="status" className="result">
        {props.result}
      </p>
      {snapshot.visits.length === 0 ? (
        <p>{t.visits.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.visits.time}</th>
              <th scope="col">{t.visits.visitor}</th>
              <th scope="col">{t.visits.inmate}</th>
              <th scope="col">{t.visits.unit}</th>
              <th scope="col">{t.visits.state}</th>
              <th scope="col">{t.visits.action}</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.visits.map((visit) => {
              const state = liveState(visit, snapshot);
              return (
                <tr key={visit.visitId}>
                  <td>
                    {formatTime(visit.startsAt)}–{formatTime(visit.endsAt)}
                  </td>
                  <td>
                    {visit.visitorName}
                    {visit.privileged ? ` (${t.visits.privileged})` : ''}
                  </td>
                  <td>{visit.inmateName}</td>
                  <td>{unitName(visit.housingUnitId)}</td>
                  <td>
                    {t.visitState[state]}
                    {visit.endReason === null ? '' : ` (${t.endReason[visit.endReason]})`}
                  </td>
                  <td>
                    {visit.status === 'over' ? null : (
                      <button
                        type="button"
                        aria-label={`${t.visits.end}: ${visit.visitorName}, ${visit.inmateName}`}
                        onClick={() => props.onEnd(visit)}
                      >
                        {t.visits.end}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Audit({ t, entries, formatTime }: { t: Strings; entries: AuditEntry[]; formatTime(iso: string): string }) {
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t.audit.heading}</h2>
      {entries.length === 0 ? (
        <p>{t.audit.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.audit.when}</th>
              <th scope="col">{t.audit.who}</th>
              <th scope="col">{t.audit.where}</th>
              <th scope="col">{t.audit.what}</th>
              <th scope="col">{t.audit.kiosk}</th>
              <th scope="col">{t.audit.outcome}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{formatTime(entry.at)}</td>
                <td>{entry.staffId ?? entry.actor}</td>
                <td>{t.audit.place[entry.place]}</td>
                <td>{entry.action}</td>
                <td>{entry.kioskId ?? '—'}</td>
                <td>{entry.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
