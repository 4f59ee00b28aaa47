import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { checkRequiredText } from '../app/validation.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';

interface WithdrawFormProps {
  /** What is withdrawn and what follows, when it is not a commitment. */
  readonly title?: string;
  readonly lead?: string;
  /** The longest reason the API takes. */
  readonly maxLength?: number;
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(reason: string): void;
  onCancel(): void;
}

/** 撤回: withdraws a commitment (or a need or resource), giving the reason the alliance will see. */
export function WithdrawForm({ title, lead, maxLength = 1000, busy, error, onSubmit, onCancel }: WithdrawFormProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [checked, setChecked] = useState(false);
  const problem = checked ? checkRequiredText(reason, maxLength, t) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!checkRequiredText(reason, maxLength, t)) {
      onSubmit(reason.trim());
    }
  };
  return (
    <form className="form form--panel form--danger" noValidate onSubmit={submit} aria-label={title ?? t('withdraw.title')}>
      <h2>{title ?? t('withdraw.title')}</h2>
      <p>{lead ?? t('withdraw.lead')}</p>
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
