import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { checkOptionalText, checkRequiredText, type FieldErrors, hasErrors, lines, orNull } from '../app/validation.ts';
import { RecordAgreementDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import type { AdminAlliance } from './AllianceLayout.tsx';

interface SignatoryRow {
  partnerId: string;
  organization: string;
  signer: string;
  title: string;
}

/** Records (or replaces) the agreement: title, signing date, one row per signatory, one term per line. */
export function AgreementForm({ alliance }: { alliance: AdminAlliance }) {
  const { t } = useI18n();
  const current = alliance.agreement;
  const [title, setTitle] = useState(current?.title ?? '');
  const [signedOn, setSignedOn] = useState(current?.signedOn ?? '');
  const [terms, setTerms] = useState(current?.terms.join('\n') ?? '');
  const [signatories, setSignatories] = useState<SignatoryRow[]>(
    current?.signatories.map((row) => ({
      partnerId: row.partnerId ?? '',
      organization: row.organization,
      signer: row.signer,
      title: row.title ?? '',
    })) ?? alliance.members.map((member) => ({ partnerId: member.partnerId, organization: member.name, signer: '', title: '' })),
  );
  const [checked, setChecked] = useState(false);
  const [recording, record] = useMutation(RecordAgreementDocument);
  const [saved, setSaved] = useState(false);

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {
      title: checkRequiredText(title, 200, t),
      signedOn: signedOn ? undefined : t('validation.required'),
      terms: lines(terms).length === 0 ? t('agreement.needTerms') : undefined,
      signatories: signatories.length === 0 ? t('agreement.needSignatories') : undefined,
    };
    signatories.forEach((row, index) => {
      errors[`signatories.${index}.organization`] = checkRequiredText(row.organization, 200, t);
      errors[`signatories.${index}.signer`] = checkRequiredText(row.signer, 100, t);
      errors[`signatories.${index}.title`] = checkOptionalText(row.title, 100, t);
    });
    return errors;
  };
  const errors = checked ? validate() : {};
  const labels = {
    title: t('agreement.field.title'),
    signedOn: t('agreement.field.signedOn'),
    terms: t('agreement.terms'),
    signatories: t('agreement.signatories'),
  };
  const setRow = (index: number, patch: Partial<SignatoryRow>) =>
    setSignatories(signatories.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setSaved(false);
    if (hasErrors(validate())) {
      return;
    }
    const result = await record({
      allianceId: alliance.id,
      input: {
        title: title.trim(),
        signedOn,
        terms: lines(terms),
        signatories: signatories.map((row) => ({
          partnerId: orNull(row.partnerId),
          organization: row.organization.trim(),
          signer: row.signer.trim(),
          title: orNull(row.title),
        })),
      },
    });
    setSaved(Boolean(result.data));
  };

  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('agreement.record')}>
      <h2>{current ? t('agreement.replace') : t('agreement.record')}</h2>
      {saved ? <Notice tone="success">{t('agreement.saved')}</Notice> : null}
      <div className="form__grid">
        <div className="form__wide">
          <Field label={labels.title} error={errors.title} required>
            {(control) => <input {...control} name="title" value={title} onChange={(event) => setTitle(event.target.value)} />}
          </Field>
        </div>
        <Field label={labels.signedOn} error={errors.signedOn} required>
          {(control) => (
            <input {...control} name="signedOn" type="date" value={signedOn} onChange={(event) => setSignedOn(event.target.value)} />
          )}
        </Field>
      </div>
      <fieldset className="rows">
        <legend>{labels.signatories}</legend>
        {errors.signatories ? <p className="field__error">{errors.signatories}</p> : null}
        {signatories.map((row, index) => (
          <div key={index} className="rows__row">
            <Field label={t('agreement.field.organization')} error={errors[`signatories.${index}.organization`]}>
              {(control) => (
                <input {...control} value={row.organization} onChange={(event) => setRow(index, { organization: event.target.value })} />
              )}
            </Field>
            <Field label={t('agreement.field.signer')} error={errors[`signatories.${index}.signer`]}>
              {(control) => <input {...control} value={row.signer} onChange={(event) => setRow(index, { signer: event.target.value })} />}
            </Field>
            <Field label={t('agreement.field.signerTitle')} error={errors[`signatories.${index}.title`]}>
              {(control) => <input {...control} value={row.title} onChange={(event) => setRow(index, { title: event.target.value })} />}
            </Field>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setSignatories(signatories.filter((_, at) => at !== index))}
            >
              {t('form.removeRow')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => setSignatories([...signatories, { partnerId: '', organization: '', signer: '', title: '' }])}
        >
          {t('agreement.addSignatory')}
        </button>
      </fieldset>
      <Field label={labels.terms} error={errors.terms} required hint={t('form.onePerLine')}>
        {(control) => <textarea {...control} name="terms" rows={5} value={terms} onChange={(event) => setTerms(event.target.value)} />}
      </Field>
      <ApiErrorNotice error={recording.error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={recording.fetching}>
          {recording.fetching ? t('form.saving') : t('agreement.submit')}
        </button>
      </div>
    </form>
  );
}
