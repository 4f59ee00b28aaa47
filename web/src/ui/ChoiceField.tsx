import { useId } from 'react';

interface ChoiceFieldProps {
  readonly label: string;
  readonly name: string;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly selected: readonly string[];
  /** The validation message to show under the choices. */
  readonly error?: string | undefined;
  onChange(selected: string[]): void;
}

/** A labelled group of checkboxes with its validation message; each box says when the group is invalid. */
export function ChoiceField({ label, name, options, selected, error, onChange }: ChoiceFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset className={`field choice-group${error ? ' field--invalid' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{label}</legend>
      {options.map((option) => {
        const checked = selected.includes(option.value);
        return (
          <label key={option.value} className="choice">
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={checked}
              aria-invalid={Boolean(error)}
              {...(error ? { 'aria-describedby': errorId } : {})}
              onChange={() => onChange(checked ? selected.filter((value) => value !== option.value) : [...selected, option.value])}
            />
            {option.label}
          </label>
        );
      })}
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
