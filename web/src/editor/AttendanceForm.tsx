import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { checkWholeNumber, type FieldErrors, hasErrors } from '../app/validation.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import type { AttendanceInput } from './inputs.ts';

interface AttendanceFormProps {
  /** The host and the invited partners, with what was recorded so far. */
  readonly partners: readonly { partnerId: string; partnerName: string; attendees: number }[];
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(attendance: AttendanceInput[]): void;
}

/** 出席情况: how many people each partner sent. */
export function AttendanceForm({ partners, busy, error, onSubmit }: AttendanceFormProps) {
  const { t } = useI18n();
  const [counts, setCounts] = useState(() => Object.fromEntries(partners.map((partner) => [partner.partnerId, String(partner.attendees)])));
  const [checked, setChecked] = useState(false);
  const validate = (): FieldErrors =>
    Object.fromEntries(
      partners.map((partner) => [partner.partnerId, checkWholeNumber(counts[partner.partnerId] ?? '', 0, 100_000, t, true)]),
    );
  const errors = checked ? validate() : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!hasErrors(validate())) {
      onSubmit(
        partners.map((partner) => ({
          partnerId: partner.partnerId,
          partnerName: partner.partnerName,
          attendees: Number(counts[partner.partnerId]),
        })),
      );
    }
  };
  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('attendance.title')}>
      <h2>{t('attendance.title')}</h2>
      <div className="form__grid">
        {partners.map((partner) => (
          <Field key={partner.partnerId} label={partner.partnerName} error={errors[partner.partnerId]}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={0}
                value={counts[partner.partnerId] ?? ''}
                onChange={(event) => setCounts({ ...counts, [partner.partnerId]: event.target.value })}
              />
            )}
          </Field>
        ))}
      </div>
      <ApiErrorNotice error={error} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : t('attendance.submit')}
        </button>
      </div>
    </form>
  );
}
