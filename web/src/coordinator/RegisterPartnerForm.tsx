import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { useClient } from 'urql';
import { apiProblems } from '../api/errors.ts';
import { checkOptionalText, checkRequiredText, type FieldErrors, hasErrors, orNull } from '../app/validation.ts';
import { AdmitPartnerDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import { textOf } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { registeredPartner, registerPartnerMutation } from './register-partner.ts';

type RegisterField = 'kind' | 'name' | 'shortName' | 'liaisonName' | 'liaisonTitle';

/**
 * 登记共建单位: registers a new organization of a kind the API lists (in that kind's own
 * subgraph, `<namespace> { registerPartner }`) and admits it to this alliance with its liaison.
 * When the admission is refused after the registration went through, the organization stays
 * registered and can be admitted with the admit form.
 */
export function RegisterPartnerForm({ allianceId }: { allianceId: string }) {
  const { t, lang } = useI18n();
  const { kinds } = usePartnerKinds();
  const client = useClient();
  const empty: Record<RegisterField, string> = { kind: '', name: '', shortName: '', liaisonName: '', liaisonTitle: '' };
  const [draft, setDraft] = useState(empty);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>(undefined);
  const [done, setDone] = useState<{ name: string; admitted: boolean } | null>(null);
  const labels: Record<RegisterField, string> = {
    kind: t('member.kind'),
    name: t('register.name'),
    shortName: t('register.shortName'),
    liaisonName: t('member.liaisonName'),
    liaisonTitle: t('member.liaisonTitle'),
  };
  const validate = (): FieldErrors<RegisterField> => ({
    kind: draft.kind ? undefined : t('validation.chooseOne'),
    name: checkRequiredText(draft.name, 200, t),
    shortName: checkOptionalText(draft.shortName, 60, t),
    liaisonName: checkOptionalText(draft.liaisonName, 60, t),
    liaisonTitle: checkOptionalText(draft.liaisonTitle, 100, t),
  });
  // A name its kind has already comes back CONFLICT from the registration: said at the field.
  const taken = !done && error ? apiProblems(error).some((problem) => problem.code === 'CONFLICT') : false;
  const errors = { ...(checked ? validate() : {}), ...(taken ? { name: t('register.nameTaken') } : {}) };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    const kind = kinds?.of(draft.kind);
    if (hasErrors(validate()) || !kind) {
      return;
    }
    setBusy(true);
    setError(undefined);
    setDone(null);
    try {
      const registration = await client
        .mutation(registerPartnerMutation(kind), { input: { name: draft.name.trim(), shortName: orNull(draft.shortName) } })
        .toPromise();
      const partner = registeredPartner(registration.data, kind);
      if (registration.error || !partner) {
        setError(registration.error);
        return;
      }
      const admission = await client
        .mutation(AdmitPartnerDocument, {
          allianceId,
          input: {
            partnerId: partner.id,
            kind: partner.kind,
            name: partner.name,
            liaisonName: orNull(draft.liaisonName),
            liaisonTitle: orNull(draft.liaisonTitle),
          },
        })
        .toPromise();
      setError(admission.error);
      setDone({ name: partner.name, admitted: !admission.error });
      if (!admission.error) {
        setDraft(empty);
        setChecked(false);
      }
    } finally {
      setBusy(false);
    }
  };
  const input = (field: Exclude<RegisterField, 'kind'>, required = false) => (
    <Field label={labels[field]} error={errors[field]} required={required}>
      {(control) => (
        <input {...control} name={field} value={draft[field]} onChange={(event) => setDraft({ ...draft, [field]: event.target.value })} />
      )}
    </Field>
  );
  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('register.title')} data-testid="register-partner">
      <h2>{t('register.title')}</h2>
      <p className="field__hint">{t('register.lead')}</p>
      {done ? (
        <Notice tone={done.admitted ? 'success' : 'error'}>
          {t(done.admitted ? 'register.done' : 'register.notAdmitted', { name: done.name })}
        </Notice>
      ) : null}
      <div className="form__grid">
        <Field label={labels.kind} error={errors.kind} required>
          {(control) => (
            <select {...control} name="kind" value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value })}>
              <option value="">{t('form.choose')}</option>
              {(kinds?.list ?? []).map((kind) => (
                <option key={kind.kind} value={kind.kind}>
                  {textOf(kind.label, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {input('name', true)}
        {input('shortName')}
        {input('liaisonName')}
        {input('liaisonTitle')}
      </div>
      {taken ? null : <ApiErrorNotice error={error} fieldLabels={labels} />}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || !kinds}>
          {busy ? t('form.saving') : t('register.submit')}
        </button>
      </div>
    </form>
  );
}
