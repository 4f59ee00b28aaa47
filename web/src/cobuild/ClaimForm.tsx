import { claimInput } from '@hub/cobuild';
import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { FieldErrors } from '../app/validation.ts';
import { hasErrors } from '../app/validation.ts';
import { ClaimNeedDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { inNamespace } from '../kinds/namespaced.ts';
import type { PartnerKind } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { apiFieldErrors, ruleErrors } from './form-errors.ts';
import { operationsOf } from './item-operations.ts';

interface ClaimFormProps {
  readonly needId: string;
  readonly allianceId: string;
  /** The claiming editor's kind, whose namespace has its partner's resources. */
  readonly kind: PartnerKind;
  /** The resource to offer at first (one of the partner's that matches the need). */
  readonly suggested: string | null;
  onClaimed(): void;
}

/** 认领: an editor of another partner offers to meet the need, with a proposal and optionally one of its published resources. */
export function ClaimForm({ needId, allianceId, kind, suggested, onClaimed }: ClaimFormProps) {
  const { t } = useI18n();
  const [resources] = useQuery({ query: operationsOf('resource').published(kind) });
  const own = (inNamespace(resources.data, kind)?.items ?? []).filter((resource) => resource.allianceId === allianceId);
  const [proposal, setProposal] = useState('');
  const [resourceId, setResourceId] = useState(suggested ?? '');
  const [checked, setChecked] = useState(false);
  const [claiming, claim] = useMutation(ClaimNeedDocument);
  const input = { needId, resourceId: resourceId || null, proposal };
  const check = (): FieldErrors => {
    const result = claimInput.safeParse(input);
    return result.success ? {} : ruleErrors(result.error.issues, t, input);
  };
  const errors: FieldErrors = { ...(checked ? check() : {}), ...apiFieldErrors(claiming.error, t) };
  const labels = { proposal: t('cobuild.claim.proposal'), resourceId: t('cobuild.claim.resource') };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!hasErrors(check())) {
      const result = await claim({ input: { ...input, proposal: proposal.trim() } });
      if (result.data) {
        onClaimed();
      }
    }
  };
  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('cobuild.claim.title')} data-testid="claim-form">
      <h2>{t('cobuild.claim.title')}</h2>
      <p>{t('cobuild.claim.lead')}</p>
      <Field label={labels.resourceId} error={errors.resourceId} hint={t('cobuild.claim.resourceHint')}>
        {(control) => (
          <select {...control} name="resourceId" value={resourceId} onChange={(event) => setResourceId(event.target.value)}>
            <option value="">{t('cobuild.claim.noResource')}</option>
            {own.map((resource) => (
              <option key={resource.id} value={resource.id}>
                {resource.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={labels.proposal} error={errors.proposal} required>
        {(control) => (
          <textarea {...control} name="proposal" rows={4} value={proposal} onChange={(event) => setProposal(event.target.value)} />
        )}
      </Field>
      <ApiErrorNotice error={claiming.error ?? resources.error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={claiming.fetching} data-action="claim">
          {claiming.fetching ? t('form.saving') : t('cobuild.claim.submit')}
        </button>
      </div>
    </form>
  );
}
