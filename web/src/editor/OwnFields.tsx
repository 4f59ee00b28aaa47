import { useI18n } from '../i18n/I18nProvider.tsx';
import { type KindField, type PartnerKind, textOf } from '../kinds/partner-kinds.ts';
import { ChoiceField } from '../ui/ChoiceField.tsx';
import { Field } from '../ui/Field.tsx';
import type { OwnValue } from './commitment-draft.ts';

interface OwnFieldProps {
  readonly field: KindField;
  readonly value: OwnValue | undefined;
  readonly error: string | undefined;
  onChange(value: OwnValue): void;
}

/** One of the kind's own fields, as its type asks: a text, a count, a list one entry per line, or choices. */
function OwnField({ field, value, error, onChange }: OwnFieldProps) {
  const { t, lang } = useI18n();
  const label = textOf(field.label, lang);
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'TEXT':
      return (
        <Field label={label} error={error} required={field.required}>
          {(control) => (
            <input
              {...control}
              name={field.name}
              type="text"
              maxLength={field.maxLength ?? undefined}
              value={text}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </Field>
      );
    case 'COUNT':
      return (
        <Field label={label} error={error}>
          {(control) => (
            <input
              {...control}
              name={field.name}
              type="number"
              inputMode="numeric"
              min={0}
              max={field.max ?? undefined}
              step={1}
              value={text}
              onChange={(event) => onChange(event.target.value)}
            />
          )}
        </Field>
      );
    case 'TEXTS':
      return (
        <div className="form__wide">
          <Field label={label} error={error} hint={t('form.onePerLine')}>
            {(control) => (
              <textarea {...control} name={field.name} rows={3} value={text} onChange={(event) => onChange(event.target.value)} />
            )}
          </Field>
        </div>
      );
    case 'CHOICES':
      return (
        <div className="form__wide">
          <ChoiceField
            label={label}
            name={field.name}
            options={field.choices.map((choice) => ({ value: choice.value, label: textOf(choice.label, lang) }))}
            selected={Array.isArray(value) ? value : []}
            error={error}
            onChange={onChange}
          />
        </div>
      );
  }
}

interface OwnFieldsProps {
  readonly kind: PartnerKind;
  readonly values: Readonly<Record<string, OwnValue>>;
  readonly errors: Readonly<Record<string, string | undefined>>;
  onChange(name: string, value: OwnValue): void;
}

/** The fields of the partner's kind, in the order its definition lists them. */
export function OwnFields({ kind, values, errors, onChange }: OwnFieldsProps) {
  return kind.fields.map((field) => (
    <OwnField
      key={field.name}
      field={field}
      value={values[field.name]}
      error={errors[field.name]}
      onChange={(value) => onChange(field.name, value)}
    />
  ));
}
