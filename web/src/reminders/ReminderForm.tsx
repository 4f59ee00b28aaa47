import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';
import { checkDayFromToday, checkReminderText } from './reminder-rules.ts';

interface ReminderFormProps {
  readonly title: string;
  /** Show the title as the form's heading (off where a heading around it says it already). */
  readonly heading?: boolean;
  readonly lead?: string;
  readonly submitLabel: string;
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  /** Shown after a successful send. */
  readonly done?: string | null;
  /** Controls put before the message (e.g. which partner). */
  readonly children?: React.ReactNode;
  onSubmit(input: { message: string; replyBy: string }): void;
}

/** 督办: a message and a reply-by date, sent on one item or on each red item of a partner. */
export function ReminderForm({ title, heading = true, lead, submitLabel, busy, error, done, children, onSubmit }: ReminderFormProps) {
  const { t } = useI18n();
  const today = todayIso();
  const [message, setMessage] = useState('');
  const [replyBy, setReplyBy] = useState('');
  const [checked, setChecked] = useState(false);
  const problems = {
    message: checkReminderText(message, t),
    replyBy: checkDayFromToday(replyBy, today, t, true),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!problems.message && !problems.replyBy) {
      onSubmit({ message: message.trim(), replyBy });
    }
  };
  return (
    <form className={heading ? 'form form--panel' : 'form'} noValidate onSubmit={submit} aria-label={title}>
      {heading ? <h2>{title}</h2> : null}
      {lead ? <p>{lead}</p> : null}
      {children}
      <Field label={t('reminder.message')} error={checked ? problems.message : undefined} required>
        {(control) => (
          <textarea {...control} name="message" rows={3} value={message} onChange={(event) => setMessage(event.target.value)} />
        )}
      </Field>
      <Field label={t('reminder.replyBy')} error={checked ? problems.replyBy : undefined} required>
        {(control) => (
          <input {...control} type="date" name="replyBy" min={today} value={replyBy} onChange={(event) => setReplyBy(event.target.value)} />
        )}
      </Field>
      <ApiErrorNotice error={error} fieldLabels={{ message: t('reminder.message'), replyBy: t('reminder.replyBy') }} />
      {done ? <Notice tone="success">{done}</Notice> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
