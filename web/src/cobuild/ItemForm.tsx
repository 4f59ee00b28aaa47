import { limits } from '@hub/cobuild';
import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { type FieldErrors, hasErrors } from '../app/validation.ts';
import { PlacementFields } from '../editor/PlacementFields.tsx';
import { type Translate, useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { apiFieldErrors } from './form-errors.ts';
import { HelpRows } from './HelpRows.tsx';
import { type ItemDraft, type ItemField, validateItem } from './item-draft.ts';
import type { ItemEntity } from './item-kinds.ts';

/** The labels of a need's or resource's fields, also naming the field an API error blames. */
export function itemFieldLabels(entity: ItemEntity, t: Translate): Record<string, string> {
  return {
    allianceId: t('commitment.field.allianceId'),
    title: t('cobuild.field.title'),
    description: t('cobuild.field.description'),
    category: t('commitment.field.category'),
    tags: t('cobuild.field.tags'),
    place: t('cobuild.field.place'),
    wantedBy: t('cobuild.field.wantedBy'),
    availableFrom: t('cobuild.field.availableFrom'),
    availableUntil: t('cobuild.field.availableUntil'),
    conditions: t('cobuild.field.conditions'),
    help: t(entity === 'need' ? 'cobuild.field.help' : 'cobuild.field.offers'),
    offers: t('cobuild.field.offers'),
  };
}

interface ItemFormProps {
  readonly entity: ItemEntity;
  readonly initial: ItemDraft;
  readonly alliances: readonly { id: string; name: string }[];
  /** Editing keeps the item in its alliance. */
  readonly allianceLocked?: boolean;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(draft: ItemDraft): void;
  onCancel?(): void;
}

/**
 * Creates or edits a need (需求) or a resource (资源), checked with the API's own rules before
 * sending; what the API still refuses is shown beside the field it names.
 */
export function ItemForm({ entity, initial, alliances, allianceLocked, submitLabel, busy, error, onSubmit, onCancel }: ItemFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  // The API's field errors stand for the draft that was sent, until it is changed.
  const [changedSinceSent, setChangedSinceSent] = useState(false);
  const errors: FieldErrors = {
    ...(checked ? validateItem(entity, draft, t) : {}),
    ...(changedSinceSent ? {} : apiFieldErrors(error, t)),
  };
  const labels = itemFieldLabels(entity, t);
  const set = <K extends keyof ItemDraft>(field: K, value: ItemDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setChangedSinceSent(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setChangedSinceSent(false);
    if (!hasErrors(validateItem(entity, draft, t))) {
      onSubmit(draft);
    }
  };

  const text = (field: ItemField, options: { required?: boolean; type?: string; hint?: string; max?: number } = {}) => (
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
          value={draft[field]}
          onChange={(event) => set(field, event.target.value as never)}
        />
      )}
    </Field>
  );
  const area = (field: ItemField) => (
    <Field label={labels[field] ?? field} error={errors[field]}>
      {(control) => (
        <textarea {...control} name={field} rows={3} value={draft[field]} onChange={(event) => set(field, event.target.value as never)} />
      )}
    </Field>
  );

  return (
    <form className="form" noValidate onSubmit={submit} aria-busy={busy} data-entity={entity}>
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
        <div className="form__wide">
          {text('title', { required: true, hint: t(entity === 'need' ? 'cobuild.hint.needTitle' : 'cobuild.hint.resourceTitle') })}
        </div>
        <div className="form__wide">{area('description')}</div>
        {text('tags', { hint: t('cobuild.hint.tags', { max: limits.tags }) })}
        {text('place', { hint: t('cobuild.hint.place') })}
        {entity === 'need' ? text('wantedBy', { type: 'date' }) : null}
        {entity === 'resource' ? text('availableFrom', { type: 'date' }) : null}
        {entity === 'resource' ? text('availableUntil', { type: 'date' }) : null}
        <div className="form__wide">
          <HelpRows legend={labels.help ?? ''} rows={draft.help} errors={errors} onChange={(rows) => set('help', rows)} />
        </div>
        {entity === 'resource' ? <div className="form__wide">{area('conditions')}</div> : null}
      </div>
      {hasErrors(errors) ? (
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
