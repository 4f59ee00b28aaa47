import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { type FieldErrors, hasErrors } from '../app/validation.ts';
import { categories, guarantees, jointActions } from '../app/vocabulary.ts';
import type { Category, PartnerKind } from '../generated/graphql.ts';
import { type Translate, useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { type CommitmentDraft, type CommitmentField, placeFieldOf, validateCommitment } from './commitment-draft.ts';

/** The labels of the form's fields, also used to name the field a server error blames. */
export function commitmentFieldLabels(t: Translate): Record<string, string> {
  const fields: CommitmentField[] = [
    'allianceId',
    'title',
    'description',
    'category',
    'startDate',
    'dueDate',
    'branchId',
    'project',
    'site',
    'pioneerPosts',
    'responsibilityZones',
    'village',
    'householdsServed',
    'landAcquisitionTasks',
    'institute',
    'researchTopic',
    'roadSection',
    'guarantees',
    'jointActions',
  ];
  return Object.fromEntries(fields.map((field) => [field, t(`commitment.field.${field}`)]));
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

/** Creates or edits a commitment: the common fields and those of the partner's kind, checked before sending. */
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
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const errors: FieldErrors<CommitmentField> = checked ? validateCommitment(draft, kind, t) : {};
  const labels = commitmentFieldLabels(t);
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
  const area = (field: CommitmentField, hint?: string) => (
    <Field label={labels[field] ?? field} error={errors[field]} {...(hint ? { hint } : {})}>
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
  const choices = <V extends string>(field: 'guarantees' | 'jointActions', options: readonly V[], label: (value: V) => string) => (
    <fieldset className="field choice-group">
      <legend className="field__label">{labels[field]}</legend>
      {options.map((option) => {
        const selected = (draft[field] as string[]).includes(option);
        return (
          <label key={option} className="choice">
            <input
              type="checkbox"
              checked={selected}
              onChange={() =>
                set(
                  field,
                  (selected
                    ? (draft[field] as string[]).filter((value) => value !== option)
                    : [...(draft[field] as string[]), option]) as never,
                )
              }
            />
            {label(option)}
          </label>
        );
      })}
    </fieldset>
  );

  return (
    <form className="form" noValidate onSubmit={submit} aria-busy={busy}>
      <div className="form__grid">
        <Field label={labels.allianceId ?? ''} error={errors.allianceId} required>
          {(control) => (
            <select
              {...control}
              name="allianceId"
              value={draft.allianceId}
              disabled={allianceLocked}
              onChange={(event) => set('allianceId', event.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {alliances.map((alliance) => (
                <option key={alliance.id} value={alliance.id}>
                  {alliance.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={labels.category ?? ''} error={errors.category} required>
          {(control) => (
            <select
              {...control}
              name="category"
              value={draft.category}
              onChange={(event) => set('category', event.target.value as Category | '')}
            >
              <option value="">{t('form.choose')}</option>
              {categories.map((category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
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
        {text(placeFieldOf[kind], { required: true, hint: t(`commitment.hint.${placeFieldOf[kind]}`) })}
        {kind === 'ENTERPRISE' ? (
          <>
            {text('site')}
            {text('pioneerPosts', { type: 'number' })}
            <div className="form__wide">{area('responsibilityZones', t('form.onePerLine'))}</div>
          </>
        ) : null}
        {kind === 'TOWN_VILLAGE' ? (
          <>
            {text('householdsServed', { type: 'number' })}
            <div className="form__wide">{area('landAcquisitionTasks', t('form.onePerLine'))}</div>
          </>
        ) : null}
        {kind === 'UNIVERSITY' ? <div className="form__wide">{text('researchTopic')}</div> : null}
        {kind === 'TRAFFIC_POLICE' ? (
          <>
            <div className="form__wide">{choices('guarantees', guarantees, (value) => t(`guarantee.${value}`))}</div>
            <div className="form__wide">{choices('jointActions', jointActions, (value) => t(`jointAction.${value}`))}</div>
          </>
        ) : null}
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
