import { claimHallDays } from '@hub/cobuild';
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { SetClaimHallDaysDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { issueText } from './rule-messages.ts';

/** The coordinator sets after how many unclaimed days a published need goes to the claim hall (rule: @hub/cobuild `claimHallDays`). */
export function ClaimHallDaysForm({ allianceId, days }: { allianceId: string; days: number }) {
  const { t } = useI18n();
  const [value, setValue] = useState(String(days));
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saving, save] = useMutation(SetClaimHallDaysDocument);
  const typed = value.trim() === '' ? undefined : Number(value);
  const parsed = claimHallDays.safeParse(typed);
  const problem = checked && !parsed.success && parsed.error.issues[0] ? issueText(parsed.error.issues[0], t, typed) : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setSaved(false);
    if (parsed.success) {
      const result = await save({ allianceId, days: parsed.data });
      setSaved(Boolean(result.data));
    }
  };
  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('cobuild.hall.setting')}>
      <h2>{t('cobuild.hall.setting')}</h2>
      <div className="form__grid">
        <Field label={t('cobuild.hall.days')} error={problem} hint={t('cobuild.hall.daysHint')} required>
          {(control) => (
            <input
              {...control}
              name="claimHallDays"
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        </Field>
      </div>
      <ApiErrorNotice error={saving.error} fieldLabels={{ days: t('cobuild.hall.days') }} />
      {saved ? <Notice tone="success">{t('cobuild.hall.saved')}</Notice> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={saving.fetching}>
          {saving.fetching ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </form>
  );
}
