import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServerCheckResult, ServerStep as ServerStepView } from '../../../shared/contract/setup';
import { kioskProtocolVersion } from '../../../shared/protocol/http';
import type { Translate } from '../../i18n/i18n';
import { TextKeyboard } from '../../keypad/TextKeyboard';
import { TouchField } from '../../keypad/TouchField';
import { useTimeLeft } from '../../time/use-time-left';

const maxAddressLength = 300;

/**
 * Setup's first step: the technician types the visitation server's address on the on-screen
 * keyboard and main checks it; the screen counts the bounded wait down, then shows the certificate's
 * fingerprint to compare, or what is wrong in words. The address being typed is the only thing held
 * here.
 */
export function ServerStep({
  step,
  onCheck,
  onRetry,
  onContinue,
}: {
  step: ServerStepView;
  onCheck: (address: string) => void;
  onRetry: () => void;
  onContinue: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [address, setAddress] = useState(step.address ?? '');
  const [shownStatus, setShownStatus] = useState(step.status);
  // Back from a result: the address as it was checked, to correct it.
  if (step.status !== shownStatus) {
    setShownStatus(step.status);
    if (step.status === 'idle') setAddress(step.address ?? '');
  }
  const edit = (next: string): void => setAddress(next.replace(/\s/g, '').slice(0, maxAddressLength));
  const typing = step.status === 'idle';

  return (
    <section className="setup-step" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('setup.server.title')}</h2>
      <p className="lead">{t('setup.server.lead')}</p>
      <form
        className="setup-layout"
        onSubmit={(event) => {
          event.preventDefault();
          if (typing && address !== '') onCheck(address);
        }}
      >
        <div className={`sign-in-fields setup-fields${typing ? '' : ' wide'}`}>
          <TouchField
            label={t('setup.server.address')}
            value={typing ? address : step.address}
            onChange={edit}
            disabled={!typing}
          />
          {step.status === 'checking' ? <Checking address={step.address} deadline={step.deadline} /> : null}
          {step.status === 'checked' ? <CheckResult result={step.result} /> : null}
          <div className="actions">
            {typing ? (
              <button type="submit" className="button" disabled={address === ''}>
                {t('setup.server.check')}
              </button>
            ) : null}
            {step.status === 'checked' ? (
              <>
                <button type="button" className="button secondary" onClick={onRetry}>
                  {step.result.ok ? t('setup.server.change') : t('setup.server.retry')}
                </button>
                {step.result.ok ? (
                  <button type="button" className="button" onClick={onContinue}>
                    {t('setup.server.continue')}
                  </button>
                ) : null}
              </>
            ) : null}
          </div>
        </div>
        {typing ? (
          <TextKeyboard
            layout="address"
            label={t('setup.server.keyboard')}
            disabled={false}
            onText={(text) => edit(address + text)}
            onDelete={() => edit(address.slice(0, -1))}
            onClear={() => edit('')}
          />
        ) : null}
      </form>
    </section>
  );
}

function Checking({ address, deadline }: { address: string; deadline: string }) {
  const { t } = useTranslation();
  const left = useTimeLeft(Date.parse(deadline));
  return (
    <p className="message setup-status" role="status" aria-live="polite">
      {t('setup.server.checking', { address, seconds: Math.ceil(left / 1000) })}
    </p>
  );
}

function CheckResult({ result }: { result: ServerCheckResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <div className="setup-result accepted" role="status">
        <p>{t('setup.server.accepted', { serverUrl: result.serverUrl })}</p>
        {result.fingerprint === null ? (
          <p>{t('setup.server.noCertificate')}</p>
        ) : (
          <Fingerprint fingerprint={result.fingerprint} />
        )}
      </div>
    );
  }
  return (
    <div className="setup-result refused" role="alert">
      <p>{describeFailure(t, result)}</p>
      {result.fingerprint === null ? null : <Fingerprint fingerprint={result.fingerprint} />}
      {result.code === null ? null : (
        <p className="technical">{t('setup.server.technicalCode', { code: result.code })}</p>
      )}
    </div>
  );
}

/** Eight bytes a line, as a technician reads it against the facility's sheet. */
function Fingerprint({ fingerprint }: { fingerprint: string }) {
  const { t } = useTranslation();
  const bytes = fingerprint.split(':');
  return (
    <>
      <p>{t('setup.server.fingerprint')}</p>
      <code className="fingerprint">
        {[0, 8, 16, 24].map((start) => (
          <span key={start}>{bytes.slice(start, start + 8).join(':')}</span>
        ))}
      </code>
      <p>{t('setup.server.compare')}</p>
    </>
  );
}

function describeFailure(t: Translate, result: Extract<ServerCheckResult, { ok: false }>): string {
  if (result.reason !== 'wrong_protocol_version') return t(`setup.server.failure.${result.reason}`);
  return t('setup.server.failure.wrong_protocol_version', {
    server: result.serverVersions.join(', '),
    kiosk: kioskProtocolVersion,
  });
}
