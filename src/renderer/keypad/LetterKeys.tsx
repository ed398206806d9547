import { useTranslation } from 'react-i18next';

/** The letters and digits an offline code is made of (base32): nothing else can be typed. */
const keys = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'];

/** An on-screen keyboard for offline codes, beside the numeric keypad's delete and clear. */
export function LetterKeys({ onKey, disabled }: { onKey: (key: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="letter-keys" role="group" aria-label={t('officer.letters')}>
      {keys.map((key) => (
        <button key={key} type="button" className="key key-letter" disabled={disabled} onClick={() => onKey(key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
