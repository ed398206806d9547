import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What each text field of setup is made of. A server address: a host name or IP address, a port and
 * a scheme, in lower case (host names ignore case). A kiosk's location: words, digits and the few
 * marks a place's name uses, with a space and a shift for capitals. An enrolment code: capitals,
 * digits and the dash that groups them.
 */
const layouts = {
  address: {
    rows: ['1234567890', 'qwertyuiop', 'asdfghjkl:', 'zxcvbnm.-/'],
    words: [{ label: 'https://', text: 'https://' }],
    shift: false,
  },
  location: {
    rows: ['1234567890', 'qwertyuiop', 'asdfghjkl#', "zxcvbnm.-/'"],
    words: [],
    shift: true,
  },
  code: {
    rows: ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM-'],
    words: [],
    shift: false,
  },
} as const;

export type KeyboardLayout = keyof typeof layouts;

/**
 * An on-screen keyboard for a kiosk that has only its touchscreen: the layout's keys, its word
 * keys, and the keypad's delete and clear.
 */
export function TextKeyboard({
  layout,
  label,
  onText,
  onDelete,
  onClear,
  disabled,
}: {
  layout: KeyboardLayout;
  /** The keyboard's accessible name. */
  label: string;
  onText: (text: string) => void;
  onDelete: () => void;
  onClear: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [upper, setUpper] = useState(false);
  const { rows, words, shift } = layouts[layout];
  const typed = (key: string): string => (upper ? key.toUpperCase() : key);
  return (
    <div className="address-keys" role="group" aria-label={label}>
      {rows.map((row) => (
        <div key={row} className="address-keys-row">
          {[...row].map((key) => (
            <button
              key={key}
              type="button"
              className="key key-letter"
              disabled={disabled}
              onClick={() => {
                onText(typed(key));
                // One capital at a time, as a phone's shift works.
                setUpper(false);
              }}
            >
              {typed(key)}
            </button>
          ))}
        </div>
      ))}
      <div className="address-keys-row">
        {shift ? (
          <button
            type="button"
            className="key key-word"
            disabled={disabled}
            aria-pressed={upper}
            onClick={() => setUpper((current) => !current)}
          >
            {t('keypad.shift')}
          </button>
        ) : null}
        {words.map((word) => (
          <button
            key={word.text}
            type="button"
            className="key key-word"
            disabled={disabled}
            onClick={() => onText(word.text)}
          >
            {word.label}
          </button>
        ))}
        {shift ? (
          <button type="button" className="key key-word key-space" disabled={disabled} onClick={() => onText(' ')}>
            {t('keypad.space')}
          </button>
        ) : null}
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
