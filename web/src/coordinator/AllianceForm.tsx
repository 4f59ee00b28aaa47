import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { checkOptionalText, checkRequiredText, type FieldErrors, hasErrors, orNull } from '../app/validation.ts';
import type { AllianceInput } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';

type AllianceField = 'name' | 'coordinatorName' | 'description' | 'foundedOn';

interface AllianceFormProps {
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  /** Resolves true when the alliance was created, to clear the form. */
  onSubmit(input: AllianceInput): Promise<boolean>;
}

/** 新建党建联盟: name, the convening organization, a description and the founding date. */
export function AllianceForm({ busy, error, onSubmit }: AllianceFormProps) {
  const { t } = useI18n();
  const empty: Record<AllianceField, string> = { name: '', coordinatorName: '', description: '', foundedOn: '' };
  const [draft, setDraft] = useState(empty);
  const [checked, setChecked] = useState(false);
  const validate = (): FieldErrors<AllianceField> => ({
    name: checkRequiredText(draft.name, 200, t),
    coordinatorName: checkRequiredText(draft.coordinatorName, 200, t),
    description: checkOptionalText(draft.description, 5000, t),
  });
  const errors = checked ? validate() : {};
  const labels: Record<AllianceField, string> = {
    name: t('alliance.field.name'),
    coordinatorName: t('alliance.field.coordinatorName'),
    description: t('alliance.field.description'),
    foundedOn: t('alliance.field.foundedOn'),
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (hasErrors(validate())) {
      return;
    }
    const created = await onSubmit({
      name: draft.name.trim(),
      coordinatorName: draft.coordinatorName.trim(),
      description: orNull(draft.description),
      foundedOn: orNull(draft.foundedOn),
    });
    if (created) {
      setDraft(empty);
      setChecked(false);
    }
  };
  const input = (field: AllianceField, type = 'text', required = false) => (
    <Field label={labels[field]} error={errors[field]} required={required}>
      {(control) => (
        <input
          {...control}
          name={field}
          type={type}
          value={draft[field]}
          onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
        />
      )}
    </Field>
  );
  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('alliances.new')}>
      <h2>{t('alliances.new')}</h2>
      <div className="form__grid">
        {input('name', 'text', true)}
        {input('coordinatorName', 'text', true)}
        {input('foundedOn', 'date')}
        <div className="form__wide">
          <Field label={labels.description} error={errors.description}>
            {(control) => (
              <textarea
                {...control}
                name="description"
                rows={2}
                value={draft.description}
                onChange={(event) => setDraft({ ...draft, description: event.target.value })}
              />
            )}
          </Field>
        </div>
      </div>
      <ApiErrorNotice error={error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : t('alliances.create')}
        </button>
      </div>
    </form>
  );
}
