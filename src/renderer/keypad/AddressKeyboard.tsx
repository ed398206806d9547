import { useTranslation } from 'react-i18next';

/** What a server address is made of: a host name or IP address, a port, and a scheme. */
const rows = ['1234567890', 'qwertyuiop', 'asdfghjkl:', 'zxcvbnm.-/'].map((row) => [...row]);

/**
 * An on-screen keyboard for a server address, for a kiosk that has only its touchscreen: lower-case
 * letters (host names ignore case), digits, the few marks an address uses, a key for `https://`,
 * and the keypad's delete and clear.
 */
export function AddressKeyboard({
  onText,
  onDelete,
  onClear,
  disabled,
}: {
  onText: (text: string) => void;
  onDelete: () => void;
  onClear: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="address-keys" role="group" aria-label={t('setup.server.keyboard')}>
      {rows.map((row) => (
        <div key={row.join('')} className="address-keys-row">
          {row.map((key) => (
            <button key={key} type="button" className="key key-letter" disabled={disabled} onClick={() => onText(key)}>
              {key}
            </button>
          ))}
        </div>
      ))}
      <div className="address-keys-row">
        <button type="button" className="key key-word" disabled={disabled} onClick={() => onText('https://')}>
          https://
        </button>
        <button type="button" className="key key-word" disabled={disabled} onClick={onDelete}>
          <span aria-hidden="true">⌫ </span>
          {t('keypad.delete')}
        </button>
        <button type="button" className="key key-word" disabled={disabled} onClick={onClear}>
          {t('keypad.clear')}
        </button>
      </div>
    </div>
  );
}
