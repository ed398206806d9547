import { useTranslation } from 'react-i18next';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A large numeric keypad for a touchscreen with no keyboard; it edits whichever field is active. */
export function Keypad({
  onDigit,
  onDelete,
  onClear,
  disabled,
}: {
  onDigit: (digit: string) => void;
  onDelete: () => void;
  onClear: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {digits.map((digit) => (
        <button key={digit} type="button" className="key" disabled={disabled} onClick={() => onDigit(digit)}>
          {digit}
        </button>
      ))}
      <button type="button" className="key key-word" disabled={disabled} onClick={onClear}>
        {t('keypad.clear')}
      </button>
      <button type="button" className="key" disabled={disabled} onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className="key key-word" disabled={disabled} onClick={onDelete}>
        <span aria-hidden="true">⌫ </span>
        {t('keypad.delete')}
      </button>
    </div>
  );
}
