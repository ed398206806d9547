import type { useKeyedFields } from './use-keyed-fields';
import { TouchField } from './TouchField';

/** The fields of a keyed form, in order: touching one makes it the one the keys type into. */
export function KeyedFieldList<Field extends string>({
  fields,
  keyed,
  labelOf,
  secret,
  disabled,
}: {
  fields: readonly Field[];
  keyed: ReturnType<typeof useKeyedFields<Field>>;
  labelOf: (field: Field) => string;
  /** The fields shown as dots: PINs. */
  secret: readonly Field[];
  disabled: boolean;
}) {
  return fields.map((field) => (
    <TouchField
      key={field}
      label={labelOf(field)}
      secret={secret.includes(field)}
      active={keyed.active === field}
      value={keyed.values[field]}
      onFocus={() => keyed.setActive(field)}
      onChange={(next) => keyed.edit(field, next)}
      disabled={disabled}
    />
  ));
}
