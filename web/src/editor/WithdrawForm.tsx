import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { checkRequiredText } from '../app/validation.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';

interface WithdrawFormProps {
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(reason: string): void;
  onCancel(): void;
}

/** 撤回: withdraws a commitment, giving the reason the joint list will show. */
export function WithdrawForm({ busy, error, onSubmit, onCancel }: WithdrawFormProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const problem = checked ? checkRequiredText(reason, 1000, t) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!checkRequiredText(reason, 1000, t)) {
      onSubmit(reason.trim());
    }
  };
  return (
    <form className="form form--panel form--danger" noValidate onSubmit={submit} aria-label={t('withdraw.title')}>
      <h2>{t('withdraw.title')}</h2>
      <p>{t('withdraw.lead')}</p>
      <Field label={t('withdraw.reason')} error={problem} required>
        {(control) => <textarea {...control} name="reason" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <ApiErrorNotice error={error} fieldLabels={{ reason: t('withdraw.reason') }} />
      <div className="form__actions">
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? t('form.saving') : t('withdraw.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
