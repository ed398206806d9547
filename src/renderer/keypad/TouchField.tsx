/**
 * A labelled field typed on the screen's own keys. `inputMode="none"` keeps the system keyboard shut
 * (a kiosk has none, and its pop-up would cover the keys), and nothing is remembered or corrected.
 */
export function TouchField({
  label,
  value,
  onChange,
  disabled,
  secret = false,
  active = true,
  onFocus,
  placeholder,
  describedBy,
}: {
  label: string;
  value: string;
  onChange: (next: string) => void;
  disabled: boolean;
  /** A PIN: shown as dots. */
  secret?: boolean;
  /** The field the keys type into, marked for the eye as well as by focus. */
  active?: boolean;
  onFocus?: () => void;
  placeholder?: string;
  describedBy?: string;
}) {
  return (
    <label className={`field${active ? ' active' : ''}`}>
      <span>{label}</span>
      <input
        type={secret ? 'password' : 'text'}
        inputMode="none"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        aria-describedby={describedBy}
        onFocus={onFocus}
        onChange={(event) => onChange(event.target.value)}
        disabled={disabled}
      />
    </label>
  );
}
