import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../shared/contract/client';
import type { Language, StaffDiagnostics } from '../../shared/contract/kiosk';
import type { DiagnosticsBundle } from '../../shared/protocol/diagnostics';
import type { Translate } from '../i18n/i18n';
import { localeOf } from '../../shared/i18n/locale';
import { formatClockTime } from '../time/format';

type Loaded =
  | { stage: 'collecting' }
  | { stage: 'failed'; reason: 'not_permitted' | 'not_signed_in' | 'not_supported' | 'unavailable' }
  | { stage: 'collected'; bundle: DiagnosticsBundle };

/**
 * The technician's diagnostics on the kiosk's own screen: main's one collector (the bundle the
 * console collects remotely), asked for when this opens and again on request.
 */
export function TechnicianDiagnostics({
  language,
  collect,
  onClose,
}: {
  language: Language;
  collect: () => Promise<Outcome<StaffDiagnostics>>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ stage: 'collecting' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    void collect().then((outcome) => {
      if (!current) return;
      if (!outcome.ok) setLoaded({ stage: 'failed', reason: 'unavailable' });
      else if (outcome.value.status === 'refused') setLoaded({ stage: 'failed', reason: outcome.value.reason });
      else setLoaded({ stage: 'collected', bundle: outcome.value.bundle });
    });
    return () => {
      current = false;
    };
  }, [collect, round]);

  return (
    <section className="technician-diagnostics" aria-labelledby="technician-diagnostics-title">
      <h3 id="technician-diagnostics-title">{t('technician.diagnostics.title')}</h3>
      <p className="message" role="status" aria-live="polite">
        {loaded.stage === 'collecting'
          ? t('technician.diagnostics.collecting')
          : loaded.stage === 'failed'
            ? t(`technician.diagnostics.failed.${loaded.reason}`)
            : t('technician.diagnostics.collectedAt', { time: formatClockTime(loaded.bundle.collectedAt, language) })}
      </p>
      {loaded.stage === 'collected' ? <Bundle bundle={loaded.bundle} language={language} /> : null}
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={loaded.stage === 'collecting'}
          onClick={() => {
            setLoaded({ stage: 'collecting' });
            setRound((n) => n + 1);
          }}
        >
          {t('technician.diagnostics.again')}
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          {t('technician.diagnostics.close')}
        </button>
      </div>
    </section>
  );
}

function Bundle({ bundle, language }: { bundle: DiagnosticsBundle; language: Language }) {
  const { t } = useTranslation();
  const { outbox, disk, store, log } = bundle;
  const devices = Object.entries(bundle.devices);
  const lastCheck = bundle.lastMediaCheck ?? null;
  return (
    <>
      <dl className="glance">
        <dt>{t('technician.diagnostics.version')}</dt>
        <dd>{bundle.appVersion}</dd>
        <dt>{t('technician.diagnostics.uptime')}</dt>
        <dd>{formatUptime(bundle.uptimeSeconds, language)}</dd>
        <dt>{t('technician.diagnostics.store')}</dt>
        <dd>
          {t(`technician.diagnostics.storeHealth.${storeHealth(store)}`)}
          {bundle.storeBytes === undefined || bundle.storeBytes === null
            ? ''
            : `, ${formatBytes(bundle.storeBytes, language)}`}
        </dd>
        <dt>{t('technician.diagnostics.freeDisk')}</dt>
        <dd>
          {disk === null
            ? t('technician.diagnostics.unknown')
            : t('technician.diagnostics.freeOf', {
                free: formatBytes(disk.freeBytes, language),
                total: formatBytes(disk.totalBytes, language),
              })}
        </dd>
        <dt>{t('technician.diagnostics.outbox')}</dt>
        <dd>{describeOutbox(t, outbox, language)}</dd>
        <dt>{t('technician.diagnostics.lastDelivery')}</dt>
        <dd>
          {outbox.lastDeliveredAt === null
            ? t('technician.diagnostics.never')
            : formatClockTime(outbox.lastDeliveredAt, language)}
        </dd>
        <dt>{t('officer.devices')}</dt>
        <dd>
          {devices.length === 0
            ? t('officer.noDevices')
            : devices.map(([role, health]) => `${role}: ${t(`officer.deviceHealth.${health}`)}`).join(', ')}
        </dd>
        <dt>{t('technician.diagnostics.lastCheck')}</dt>
        <dd>
          {lastCheck === null
            ? t('technician.diagnostics.lastCheckNone')
            : lastCheck.ok
              ? t('technician.diagnostics.lastCheckPassed', {
                  path: t(`setup.check.results.${lastCheck.path}`),
                  at: formatClockTime(lastCheck.checkedAt, language),
                })
              : t(`setup.check.failure.${lastCheck.failure}`)}
        </dd>
      </dl>
      <h4 id="technician-log-title">{t('technician.diagnostics.log', { count: log.lines.length })}</h4>
      {log.unreadable === null ? (
        // A scrolling region a finger can drag; focusable so it is reachable without touch as well.
        <div className="log-lines" role="region" aria-labelledby="technician-log-title" tabIndex={0}>
          <ol>
            {log.lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ol>
        </div>
      ) : (
        <p>{t('technician.diagnostics.logUnreadable')}</p>
      )}
    </>
  );
}

function storeHealth(store: DiagnosticsBundle['store']): 'ok' | 'damaged' | 'recovered' | 'diskFull' {
  if (store.diskFull) return 'diskFull';
  if (store.corruptionDetected) return 'damaged';
  return store.recoveredFromCorruption === null ? 'ok' : 'recovered';
}

function describeOutbox(t: Translate, outbox: DiagnosticsBundle['outbox'], language: Language): string {
  const pending = t('technician.diagnostics.pending', { count: outbox.pending });
  const rejected = outbox.rejected === 0 ? '' : `, ${t('technician.diagnostics.rejected', { count: outbox.rejected })}`;
  const oldest =
    outbox.oldestPendingAgeSeconds === null
      ? ''
      : `, ${t('technician.diagnostics.oldest', { age: formatUptime(outbox.oldestPendingAgeSeconds, language) })}`;
  return pending + rejected + oldest;
}

/** "3 h 12 min": hours and minutes are what a technician compares with a restart they know of. */
function formatUptime(seconds: number, language: Language): string {
  const locale = localeOf(language);
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (seconds < 60) return unit(seconds, 'second');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours === 0 ? unit(minutes, 'minute') : `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
}

function formatBytes(bytes: number, language: Language): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let index = 0;
  while (value >= 1000 && index < units.length - 1) {
    value /= 1000;
    index += 1;
  }
  return new Intl.NumberFormat(localeOf(language), {
    style: 'unit',
    unit: units[index],
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 && index > 0 ? 1 : 0,
  }).format(value);
}
