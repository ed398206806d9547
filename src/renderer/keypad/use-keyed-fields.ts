import { useState } from 'react';

/**
 * The values of a form typed on the screen's keys, and which field the keys type into. `clean`
 * keeps each field to what it may hold (digits, a length), whether typed on the keys or pasted.
 */
export function useKeyedFields<Field extends string>(
  initial: Record<Field, string>,
  first: Field,
  clean: (field: Field, next: string) => string,
) {
  const [values, setValues] = useState(initial);
  const [active, setActive] = useState<Field>(first);
  const edit = (field: Field, next: string): void =>
    setValues((current) => ({ ...current, [field]: clean(field, next) }));
  return {
    values,
    setValues,
    active,
    setActive,
    edit,
    /** The keypad's delete and clear act on the active field. */
    deleteKey: () => edit(active, values[active].slice(0, -1)),
    clearKey: () => edit(active, ''),
  };
}

/** Digits only, at most `maxLength[field]` of them: what an ID, a staff number or a PIN may hold. */
export function digitsUpTo<Field extends string>(maxLength: Record<Field, number>) {
  return (field: Field, next: string): string => next.replace(/\D/g, '').slice(0, maxLength[field]);
}
