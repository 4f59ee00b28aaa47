import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { checkNote } from './reminder-rules.ts';

interface DecisionFormProps {
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(input: { accept: boolean; note: string | null }): void;
}

/** The coordinator's decision on an answer: accept, or reject saying why. */
export function DecisionForm({ busy, error, onSubmit }: DecisionFormProps) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState<boolean | null>(null);
  const problem = checked === null ? undefined : checkNote(note, t, !checked);
  const decide = (accept: boolean) => (event: FormEvent) => {
    event.preventDefault();
    setChecked(accept);
    if (!checkNote(note, t, !accept)) {
      onSubmit({ accept, note: note.trim() || null });
    }
  };
  return (
    <form className="form" noValidate onSubmit={decide(true)} aria-label={t('reminder.decide')}>
      <Field label={t('reminder.decisionNote')} hint={t('reminder.decisionNote.hint')} error={problem}>
        {(control) => <textarea {...control} name="note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      <ApiErrorNotice error={error} fieldLabels={{ note: t('reminder.decisionNote') }} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('reminder.accept')}
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={decide(false)}>
          {t('reminder.reject')}
        </button>
      </div>
    </form>
  );
}
