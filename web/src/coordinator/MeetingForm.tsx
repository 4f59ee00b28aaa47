import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { checkOptionalText, checkRequiredText, type FieldErrors, hasErrors, lines, orNull } from '../app/validation.ts';
import { ConveneJointMeetingDocument } from '../generated/graphql.ts';
import { isoFromDateTimeInput } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { Notice } from '../ui/Notice.tsx';

type MeetingField = 'title' | 'heldAt' | 'location' | 'agenda' | 'decisions';

/** 召开联席会议: title, time, place, agenda (one item per line) and the decisions taken. */
export function MeetingForm({ allianceId }: { allianceId: string }) {
  const { t } = useI18n();
  const empty: Record<MeetingField, string> = { title: '', heldAt: '', location: '', agenda: '', decisions: '' };
  const [draft, setDraft] = useState(empty);
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const [convening, convene] = useMutation(ConveneJointMeetingDocument);
  const labels: Record<MeetingField, string> = {
    title: t('meeting.field.title'),
    heldAt: t('meeting.field.heldAt'),
    location: t('meeting.field.location'),
    agenda: t('meeting.agenda'),
    decisions: t('meeting.decisions'),
  };
  const validate = (): FieldErrors<MeetingField> => ({
    title: checkRequiredText(draft.title, 200, t),
    heldAt: draft.heldAt ? undefined : t('validation.required'),
    location: checkOptionalText(draft.location, 200, t),
    decisions: checkOptionalText(draft.decisions, 5000, t),
  });
  const errors = checked ? validate() : {};
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setSaved(false);
    if (hasErrors(validate())) {
      return;
    }
    const result = await convene({
      allianceId,
      input: {
        title: draft.title.trim(),
        heldAt: isoFromDateTimeInput(draft.heldAt),
        location: orNull(draft.location),
        agenda: lines(draft.agenda),
        decisions: orNull(draft.decisions),
      },
    });
    if (result.data) {
      setSaved(true);
      setDraft(empty);
      setChecked(false);
    }
  };
  const input = (field: 'title' | 'heldAt' | 'location', type = 'text', required = false) => (
    <Field label={labels[field]} error={errors[field]} required={required}>
      {(control) => (
        <input
          {...control}
          name={field}
          type={type}
          value={draft[field]}
          onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
        />
      )}
    </Field>
  );
  const area = (field: 'agenda' | 'decisions', hint?: string) => (
    <Field label={labels[field]} error={errors[field]} hint={hint}>
      {(control) => (
        <textarea
          {...control}
          name={field}
          rows={3}
          value={draft[field]}
          onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
        />
      )}
    </Field>
  );
  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('meeting.convene')}>
      <h2>{t('meeting.convene')}</h2>
      {saved ? <Notice tone="success">{t('meeting.saved')}</Notice> : null}
      <div className="form__grid">
        <div className="form__wide">{input('title', 'text', true)}</div>
        {input('heldAt', 'datetime-local', true)}
        {input('location')}
        <div className="form__wide">{area('agenda', t('form.onePerLine'))}</div>
        <div className="form__wide">{area('decisions')}</div>
      </div>
      <ApiErrorNotice error={convening.error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={convening.fetching}>
          {convening.fetching ? t('form.saving') : t('meeting.submit')}
        </button>
      </div>
    </form>
  );
}
