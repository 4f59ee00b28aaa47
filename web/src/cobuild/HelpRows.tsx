import { helpKinds, limits } from '@hub/cobuild';
import type { FieldErrors } from '../app/validation.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Field } from '../ui/Field.tsx';
import type { HelpRow } from './item-draft.ts';

interface HelpRowsProps {
  readonly legend: string;
  readonly rows: readonly HelpRow[];
  /** The form's errors: the list's own under `help`, a row's under `help.<index>.<field>`. */
  readonly errors: FieldErrors;
  onChange(rows: HelpRow[]): void;
}

/** The kinds of help a need asks for or a resource offers, one row each, with amount and unit. */
export function HelpRows({ legend, rows, errors, onChange }: HelpRowsProps) {
  const { t } = useI18n();
  const set = (index: number, change: Partial<HelpRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const listError = errors.help;
  return (
    <fieldset
      className={`rows help-rows${listError ? ' field--invalid' : ''}`}
      aria-describedby={listError ? 'help-rows-error' : undefined}
    >
      <legend>
        {legend}
        <span className="field__required" aria-hidden="true">
          {' '}
          *
        </span>
      </legend>
      {rows.map((row, index) => (
        <div key={index} className="rows__row" data-help-row={index}>
          <Field label={t('cobuild.help.kind')} error={errors[`help.${index}.kind`]} required>
            {(control) => (
              <select
                {...control}
                name={`help.${index}.kind`}
                value={row.kind}
                onChange={(event) => set(index, { kind: event.target.value as HelpRow['kind'] })}
              >
                <option value="">{t('form.choose')}</option>
                {helpKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`helpKind.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('cobuild.help.amount')} error={errors[`help.${index}.amount`]}>
            {(control) => (
              <input
                {...control}
                name={`help.${index}.amount`}
                type="number"
                inputMode="decimal"
                min="0"
                step="any"
                value={row.amount}
                onChange={(event) => set(index, { amount: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('cobuild.help.unit')} error={errors[`help.${index}.unit`]}>
            {(control) => (
              <input
                {...control}
                name={`help.${index}.unit`}
                placeholder={t('cobuild.help.unitExample')}
                value={row.unit}
                onChange={(event) => set(index, { unit: event.target.value })}
              />
            )}
          </Field>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
            aria-label={t('cobuild.help.remove', { n: index + 1 })}
          >
            {t('form.removeRow')}
          </button>
        </div>
      ))}
      {rows.length < limits.help ? (
        <button type="button" className="button" onClick={() => onChange([...rows, { kind: '', amount: '', unit: '' }])}>
          {t('cobuild.help.add')}
        </button>
      ) : null}
      {listError ? (
        <p id="help-rows-error" className="field__error" role="alert">
          {listError}
        </p>
      ) : null}
    </fieldset>
  );
}
