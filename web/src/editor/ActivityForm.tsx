import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { hasErrors } from '../app/validation.ts';
import { activityTypes } from '../app/vocabulary.ts';
import type { ActivityType, CommitmentStatus } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { type ActivityDraft, type ActivityField, validateActivity } from './activity-draft.ts';
import type { EditorScope } from './EditorLayout.tsx';

export interface ActivityFormProps {
  readonly scope: EditorScope;
  readonly initial: ActivityDraft;
  /** The editor's commitments, offered as those the activity advanced. */
  readonly commitments: readonly { id: string; allianceId: string; title: string; status: CommitmentStatus }[];
  readonly editing?: boolean;
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(draft: ActivityDraft): void;
  onCancel(): void;
}

/** Hosts or edits a joint activity: what, when, where, whom it invites, which commitments it advanced. */
export function ActivityForm({ scope, initial, commitments, editing, busy, error, onSubmit, onCancel }: ActivityFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const errors = checked ? validateActivity(draft, t) : {};
  const fields: ActivityField[] = [
    'allianceId',
    'title',
    'type',
    'startsAt',
    'endsAt',
    'location',
    'description',
    'minutes',
    'invitedPartnerIds',
    'advancedCommitmentIds',
  ];
  const labels: Record<string, string> = Object.fromEntries(fields.map((field) => [field, t(`activity.field.${field}`)]));
  const alliance = scope.alliances.find((candidate) => candidate.id === draft.allianceId);
  const partners = (alliance?.members ?? []).filter((member) => member.partnerId !== scope.partnerId);
  // Only what is on the joint list can have been advanced: not drafts, not withdrawn items.
  const ownCommitments = commitments.filter(
    (commitment) => commitment.allianceId === draft.allianceId && commitment.status !== 'DRAFT' && commitment.status !== 'WITHDRAWN',
  );

  const set = <K extends ActivityField>(field: K, value: ActivityDraft[K]) => setDraft((current) => ({ ...current, [field]: value }));
  const toggle = (field: 'invitedPartnerIds' | 'advancedCommitmentIds', id: string) =>
    set(field, draft[field].includes(id) ? draft[field].filter((value) => value !== id) : [...draft[field], id]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!hasErrors(validateActivity(draft, t))) {
      onSubmit(draft);
    }
  };
  const input = (field: 'title' | 'startsAt' | 'endsAt' | 'location', type = 'text', required = false) => (
    <Field label={labels[field] ?? field} error={errors[field]} required={required}>
      {(control) => (
        <input {...control} name={field} type={type} value={draft[field]} onChange={(event) => set(field, event.target.value)} />
      )}
    </Field>
  );
  const area = (field: 'description' | 'minutes') => (
    <Field label={labels[field] ?? field} error={errors[field]}>
      {(control) => (
        <textarea {...control} name={field} rows={3} value={draft[field]} onChange={(event) => set(field, event.target.value)} />
      )}
    </Field>
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
              disabled={editing}
              onChange={(event) => setDraft({ ...draft, allianceId: event.target.value, invitedPartnerIds: [], advancedCommitmentIds: [] })}
            >
              <option value="">{t('form.choose')}</option>
              {scope.alliances.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={labels.type ?? ''} error={errors.type} required>
          {(control) => (
            <select {...control} name="type" value={draft.type} onChange={(event) => set('type', event.target.value as ActivityType | '')}>
              <option value="">{t('form.choose')}</option>
              {activityTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`activityType.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form__wide">{input('title', 'text', true)}</div>
        {input('startsAt', 'datetime-local', true)}
        {input('endsAt', 'datetime-local')}
        <div className="form__wide">{input('location')}</div>
        <div className="form__wide">{area('description')}</div>
        {editing ? <div className="form__wide">{area('minutes')}</div> : null}
        <fieldset className="field choice-group form__wide">
          <legend className="field__label">{labels.invitedPartnerIds}</legend>
          {partners.length === 0 ? <p className="field__hint">{t('activity.chooseAllianceFirst')}</p> : null}
          {partners.map((partner) => (
            <label key={partner.partnerId} className="choice">
              <input
                type="checkbox"
                checked={draft.invitedPartnerIds.includes(partner.partnerId)}
                onChange={() => toggle('invitedPartnerIds', partner.partnerId)}
              />
              {partner.name}
            </label>
          ))}
        </fieldset>
        <fieldset className="field choice-group form__wide">
          <legend className="field__label">{labels.advancedCommitmentIds}</legend>
          {ownCommitments.length === 0 ? <p className="field__hint">{t('activity.noCommitments')}</p> : null}
          {ownCommitments.map((commitment) => (
            <label key={commitment.id} className="choice">
              <input
                type="checkbox"
                checked={draft.advancedCommitmentIds.includes(commitment.id)}
                onChange={() => toggle('advancedCommitmentIds', commitment.id)}
              />
              {commitment.title}
            </label>
          ))}
        </fieldset>
      </div>
      {checked && hasErrors(errors) ? (
        <p className="form__summary" role="alert">
          {t('validation.fixFields')}
        </p>
      ) : null}
      <ApiErrorNotice error={error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : editing ? t('form.save') : t('activity.create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
