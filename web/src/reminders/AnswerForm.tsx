import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { checkDayFromToday, checkReminderText } from './reminder-rules.ts';

interface AnswerFormProps {
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(input: { explanation: string; proposedDueDate: string | null }): void;
}

/** The partner's answer to a reminder: an explanation and, if it needs more time, a new due date. */
export function AnswerForm({ busy, error, onSubmit }: AnswerFormProps) {
  const { t } = useI18n();
  const today = todayIso();
  const [explanation, setExplanation] = useState('');
  const [proposedDueDate, setProposedDueDate] = useState('');
  const [checked, setChecked] = useState(false);
  const problems = {
    explanation: checkReminderText(explanation, t),
    proposedDueDate: checkDayFromToday(proposedDueDate, today, t, false),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!problems.explanation && !problems.proposedDueDate) {
      onSubmit({ explanation: explanation.trim(), proposedDueDate: proposedDueDate || null });
    }
  };
  return (
    <form className="form" noValidate onSubmit={submit} aria-label={t('reminder.answer')}>
      <Field label={t('reminder.explanation')} error={checked ? problems.explanation : undefined} required>
        {(control) => (
          <textarea {...control} name="explanation" rows={3} value={explanation} onChange={(event) => setExplanation(event.target.value)} />
        )}
      </Field>
      <Field
        label={t('reminder.proposedDueDate')}
        hint={t('reminder.proposedDueDate.hint')}
        error={checked ? problems.proposedDueDate : undefined}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            name="proposedDueDate"
            min={today}
            value={proposedDueDate}
            onChange={(event) => setProposedDueDate(event.target.value)}
          />
        )}
      </Field>
      <ApiErrorNotice
        error={error}
        fieldLabels={{ explanation: t('reminder.explanation'), proposedDueDate: t('reminder.proposedDueDate') }}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : t('reminder.answer')}
        </button>
      </div>
    </form>
  );
}
