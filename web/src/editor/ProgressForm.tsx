import type { CombinedError } from '@urql/core';
import { type FormEvent, useState } from 'react';
import { hasErrors } from '../app/validation.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { emptyProgress, type ProgressDraft, validateProgress } from './progress-draft.ts';

interface ProgressFormProps {
  readonly currentPercent: number;
  readonly busy: boolean;
  readonly error: CombinedError | undefined;
  onSubmit(draft: ProgressDraft): void;
  onCancel(): void;
}

/** 报告进展: percent done, what was done, evidence links (佐证材料) and measured figures. */
export function ProgressForm({ currentPercent, busy, error, onSubmit, onCancel }: ProgressFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => emptyProgress(currentPercent));
  const [checked, setChecked] = useState(false);
  const errors = checked ? validateProgress(draft, t) : {};
  const labels = {
    percent: t('progress.percent'),
    text: t('progress.text'),
    evidence: t('progress.evidence'),
    figures: t('progress.figures'),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!hasErrors(validateProgress(draft, t))) {
      onSubmit(draft);
    }
  };
  const setRow = <L extends 'evidence' | 'figures'>(list: L, index: number, patch: Partial<ProgressDraft[L][number]>) =>
    setDraft((current) => ({ ...current, [list]: current[list].map((row, at) => (at === index ? { ...row, ...patch } : row)) }));
  const removeRow = (list: 'evidence' | 'figures', index: number) =>
    setDraft((current) => ({ ...current, [list]: current[list].filter((_, at) => at !== index) }));

  return (
    <form className="form form--panel" noValidate onSubmit={submit} aria-label={t('progress.title')}>
      <h2>{t('progress.title')}</h2>
      <div className="form__grid">
        <Field label={labels.percent} error={errors.percent} required hint={t('progress.percentHint', { current: currentPercent })}>
          {(control) => (
            <input
              {...control}
              name="percent"
              type="number"
              min={0}
              max={100}
              value={draft.percent}
              onChange={(event) => setDraft({ ...draft, percent: event.target.value })}
            />
          )}
        </Field>
        <div className="form__wide">
          <Field label={labels.text} error={errors.text} required>
            {(control) => (
              <textarea
                {...control}
                name="text"
                rows={3}
                value={draft.text}
                onChange={(event) => setDraft({ ...draft, text: event.target.value })}
              />
            )}
          </Field>
        </div>
      </div>

      <fieldset className="rows">
        <legend>{labels.evidence}</legend>
        {draft.evidence.map((row, index) => (
          <div key={index} className="rows__row">
            <Field label={t('progress.evidenceLabel')} error={errors[`evidence.${index}.label`]}>
              {(control) => (
                <input {...control} value={row.label} onChange={(event) => setRow('evidence', index, { label: event.target.value })} />
              )}
            </Field>
            <Field label={t('progress.evidenceUrl')} error={errors[`evidence.${index}.url`]}>
              {(control) => (
                <input
                  {...control}
                  type="url"
                  placeholder="https://"
                  value={row.url}
                  onChange={(event) => setRow('evidence', index, { url: event.target.value })}
                />
              )}
            </Field>
            <button type="button" className="button button--quiet" onClick={() => removeRow('evidence', index)}>
              {t('form.removeRow')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => setDraft({ ...draft, evidence: [...draft.evidence, { label: '', url: '' }] })}
        >
          {t('progress.addEvidence')}
        </button>
      </fieldset>

      <fieldset className="rows">
        <legend>{labels.figures}</legend>
        {draft.figures.map((row, index) => (
          <div key={index} className="rows__row">
            <Field label={t('progress.figureLabel')} error={errors[`figures.${index}.label`]}>
              {(control) => (
                <input {...control} value={row.label} onChange={(event) => setRow('figures', index, { label: event.target.value })} />
              )}
            </Field>
            <Field label={t('progress.figureValue')} error={errors[`figures.${index}.value`]}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  step="any"
                  value={row.value}
                  onChange={(event) => setRow('figures', index, { value: event.target.value })}
                />
              )}
            </Field>
            <Field label={t('progress.figureUnit')} error={errors[`figures.${index}.unit`]}>
              {(control) => (
                <input {...control} value={row.unit} onChange={(event) => setRow('figures', index, { unit: event.target.value })} />
              )}
            </Field>
            <button type="button" className="button button--quiet" onClick={() => removeRow('figures', index)}>
              {t('form.removeRow')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => setDraft({ ...draft, figures: [...draft.figures, { label: '', value: '', unit: '' }] })}
        >
          {t('progress.addFigure')}
        </button>
      </fieldset>

      {checked && hasErrors(errors) ? (
        <p className="form__summary" role="alert">
          {t('validation.fixFields')}
        </p>
      ) : null}
      <ApiErrorNotice error={error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.saving') : t('progress.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
