import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { type FieldErrors, hasErrors } from '../app/validation.ts';
import { type Translate, useI18n } from '../i18n/I18nProvider.tsx';
import type { Lang } from '../i18n/lang.ts';
import { type PartnerKind, textOf } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { type CommitmentDraft, type CommitmentField, validateCommitment } from './commitment-draft.ts';
import { OwnFields } from './OwnFields.tsx';
import { PlacementFields } from './PlacementFields.tsx';

/** The labels of the form's fields, the kind's own included, also used to name the field a server error blames. */
export function commitmentFieldLabels(kind: PartnerKind, t: Translate, lang: Lang): Record<string, string> {
  const fields: CommitmentField[] = ['allianceId', 'title', 'description', 'category', 'startDate', 'dueDate', 'branchId'];
  return Object.fromEntries([
    ...fields.map((field) => [field, t(`commitment.field.${field}`)]),
    ...kind.fields.map((field) => [field.name, textOf(field.label, lang)]),
  ]);
}

interface CommitmentFormProps {
  readonly kind: PartnerKind;
  readonly initial: CommitmentDraft;
  readonly alliances: readonly { id: string; name: string }[];
  readonly branches: readonly { id: string; name: string }[];
  /** Editing keeps the commitment in its alliance. */
  readonly allianceLocked?: boolean;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(draft: CommitmentDraft): void;
  onCancel?(): void;
}

/** Creates or edits a commitment: the common fields and those of the partner's kind, checked with the API's rules before sending. */
export function CommitmentForm({
  kind,
  initial,
  alliances,
  branches,
  allianceLocked,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: CommitmentFormProps) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const errors: FieldErrors = checked ? validateCommitment(draft, kind, t) : {};
  const labels = commitmentFieldLabels(kind, t, lang);
  const set = <K extends CommitmentField>(field: K, value: CommitmentDraft[K]) => setDraft((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!hasErrors(validateCommitment(draft, kind, t))) {
      onSubmit(draft);
    }
  };

  const text = (field: CommitmentField, options: { required?: boolean; type?: string; hint?: string } = {}) => (
    <Field
      label={labels[field] ?? field}
      error={errors[field]}
      required={options.required}
      {...(options.hint ? { hint: options.hint } : {})}
    >
      {(control) => (
        <input
          {...control}
          name={field}
          type={options.type ?? 'text'}
          value={draft[field] as string}
          onChange={(event) => set(field, event.target.value as never)}
        />
      )}
    </Field>
  );
  const area = (field: CommitmentField) => (
    <Field label={labels[field] ?? field} error={errors[field]}>
      {(control) => (
        <textarea
          {...control}
          name={field}
          rows={3}
          value={draft[field] as string}
          onChange={(event) => set(field, event.target.value as never)}
        />
      )}
    </Field>
  );

  return (
    <form className="form" noValidate onSubmit={submit} aria-busy={busy}>
      <div className="form__grid">
        <PlacementFields
          labels={labels}
          errors={errors}
          alliances={alliances}
          allianceId={draft.allianceId}
          category={draft.category}
          allianceLocked={allianceLocked}
          onAlliance={(allianceId) => set('allianceId', allianceId)}
          onCategory={(category) => set('category', category)}
        />
        <div className="form__wide">{text('title', { required: true, hint: t('commitment.hint.title') })}</div>
        <div className="form__wide">{area('description')}</div>
        {text('startDate', { type: 'date' })}
        {text('dueDate', { type: 'date', required: true })}
        <Field label={labels.branchId ?? ''} error={errors.branchId}>
          {(control) => (
            <select {...control} name="branchId" value={draft.branchId} onChange={(event) => set('branchId', event.target.value)}>
              <option value="">{t('form.none')}</option>
              {branches.map((branch) => (
                <option key={branch.id} value={branch.id}>
                  {branch.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <OwnFields
          kind={kind}
          values={draft.own}
          errors={errors}
          onChange={(name, value) => setDraft((current) => ({ ...current, own: { ...current.own, [name]: value } }))}
        />
      </div>
      {checked && hasErrors(errors) ? (
        <p className="form__summary" role="alert">
          {t('validation.fixFields')}
        </p>
      ) : null}
      <ApiErrorNotice error={error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
