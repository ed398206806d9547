import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskBridge } from '../../shared/contract/client';
import type { StaffMessage } from '../../shared/contract/kiosk';

/** A message from staff, over whatever screen is showing, until the person touches OK. */
export function StaffMessageBanner({ bridge }: { bridge: KioskBridge }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState<StaffMessage | null>(null);
  useEffect(() => {
    const unsubscribe = bridge.on('staffMessage.changed', (change) => setMessage(change.message));
    void bridge.request('staffMessage.get', {}).then((outcome) => {
      if (outcome.ok) setMessage(outcome.value.message);
    });
    return unsubscribe;
  }, [bridge]);
  if (message === null) return null;
  return (
    <aside className="staff-message" role="alert" aria-label={t('staff.label')}>
      <p>{message.text}</p>
      <button
        type="button"
        className="button"
        onClick={() => void bridge.request('staffMessage.dismiss', { id: message.id })}
      >
        {t('staff.ok')}
      </button>
    </aside>
  );
}
