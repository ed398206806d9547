import { useId } from 'react';
import type { StoredDiagnostics } from '../../../src/shared/protocol/diagnostics';
import { mediaCheckText, type Strings } from './i18n';

/** What the console shows of one kiosk's diagnostics: being collected, a bundle, or why there is none. */
export type DiagnosticsView =
  | { state: 'collecting' }
  | { state: 'shown'; diagnostics: StoredDiagnostics }
  | { state: 'none' | 'offline' | 'failed' };

const gigabytes = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

const levelNames: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** A pino JSON line as a person reads a log: time, level, message, then whatever else it carried. */
function readableLine(line: string): string {
  try {
    const { time, level, msg, pid: _pid, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const when = typeof time === 'string' ? time.slice(11, 19) : '--:--:--';
    const extra = Object.keys(rest).length === 0 ? '' : ` ${JSON.stringify(rest)}`;
    return `${when} ${(levelNames[Number(level)] ?? String(level)).padEnd(5)} ${String(msg ?? '')}${extra}`;
  } catch {
    return line;
  }
}

/** A kiosk's diagnostics bundle, read for trouble first: store, disk, outbox, devices, then the log. */
export function DiagnosticsPanel(props: {
  t: Strings;
  kioskId: string;
  view: DiagnosticsView;
  formatTime(iso: string): string;
}) {
  const { t, view, formatTime } = props;
  const say = t.diagnostics;
  const headingId = useId();
  return (
    <section className="diagnostics" aria-labelledby={headingId}>
      <h5 id={headingId}>{say.region(props.kioskId)}</h5>
      {view.state === 'collecting' ? <p role="status">{say.collecting}</p> : null}
      {view.state === 'none' || view.state === 'offline' || view.state === 'failed' ? (
        <p role="status">{say[view.state]}</p>
      ) : null}
      {view.state === 'shown' ? <Bundle t={t} diagnostics={view.diagnostics} formatTime={formatTime} /> : null}
    </section>
  );
}

function Bundle({
  t,
  diagnostics,
  formatTime,
}: {
  t: Strings;
  diagnostics: StoredDiagnostics;
  formatTime(iso: string): string;
}) {
  const say = t.diagnostics;
  const { bundle } = diagnostics;
  const { runtime, store, disk, outbox, log } = bundle;
  const storeProblem = store.corruptionDetected || store.diskFull || store.recoveredFromCorruption !== null;
  const oldestMinutes =
    outbox.oldestPendingAgeSeconds === null ? null : Math.floor(outbox.oldestPendingAgeSeconds / 60);
  const devices = Object.entries(bundle.devices);
  const check = bundle.lastMediaCheck ?? null;
  return (
    <>
      <p role="status">
        {say.collectedAt(formatTime(diagnostics.receivedAt))}, {say.size(Math.ceil(diagnostics.sizeBytes / 1024))}
      </p>
      <dl>
        <dt>{say.version}</dt>
        <dd>{bundle.appVersion}</dd>
        <dt>{say.runtime}</dt>
        <dd>
          {runtime.host}, Node {runtime.node}
          {runtime.electron === null ? '' : `, Electron ${runtime.electron}`}, {runtime.platform} {runtime.arch}
        </dd>
        <dt>{say.uptime}</dt>
        <dd>
          {say.uptimeValue(Math.floor(bundle.uptimeSeconds / 3600), Math.floor((bundle.uptimeSeconds % 3600) / 60))}
        </dd>
        <dt>{say.store}</dt>
        <dd>{storeProblem ? say.storeProblem : say.storeHealthy(store.schemaVersion)}</dd>
        <dt>{say.disk}</dt>
        <dd>{disk === null ? say.unknown : say.diskValue(gigabytes(disk.freeBytes), gigabytes(disk.totalBytes))}</dd>
        <dt>{say.outbox}</dt>
        <dd>{say.outboxValue(outbox.pending, oldestMinutes)}</dd>
        <dt>{say.devices}</dt>
        <dd>
          {devices.length === 0 ? t.devicesNone : devices.map(([role, health]) => `${role} ${health}`).join(', ')}
        </dd>
        <dt>{say.mediaCheck}</dt>
        <dd>{check === null ? say.mediaCheckNone : mediaCheckText(t, check)}</dd>
      </dl>
      {log.unreadable === null ? null : <p>{say.logUnreadable(log.unreadable)}</p>}
      <details>
        <summary>{say.logLines(log.lines.length)}</summary>
        <pre tabIndex={0}>{log.lines.map(readableLine).join('\n')}</pre>
      </details>
    </>
  );
}
