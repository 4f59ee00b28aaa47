import { evaluationInput } from '@hub/cobuild';
import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { type FieldErrors, hasErrors } from '../app/validation.ts';
import { EvaluateProjectDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Field } from '../ui/Field.tsx';
import { apiFieldErrors, ruleErrors } from './form-errors.ts';

const scores = [1, 2, 3, 4, 5] as const;

/** 评价: the needing partner's editor rates a delivered project (1–5) and comments; it is then closed (销号). */
export function EvaluationForm({ project }: { project: { id: string; version: number } }) {
  const { t } = useI18n();
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [checked, setChecked] = useState(false);
  const [evaluating, evaluate] = useMutation(EvaluateProjectDocument);
  const input = { satisfaction: satisfaction ?? undefined, comment };
  const check = (): FieldErrors => {
    const result = evaluationInput.safeParse(input);
    return result.success ? {} : ruleErrors(result.error.issues, t, input);
  };
  const errors: FieldErrors = { ...(checked ? check() : {}), ...apiFieldErrors(evaluating.error, t) };
  const labels = { satisfaction: t('cobuild.evaluation.satisfaction'), comment: t('cobuild.evaluation.comment') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!hasErrors(check()) && satisfaction !== null) {
      evaluate({ id: project.id, version: project.version, input: { satisfaction, comment: comment.trim() } });
    }
  };
  const satisfactionError = errors.satisfaction;
  return (
    <form
      className="form form--panel"
      noValidate
      onSubmit={submit}
      aria-label={t('cobuild.evaluation.title')}
      data-testid="evaluation-form"
    >
      <h2>{t('cobuild.evaluation.title')}</h2>
      <p>{t('cobuild.evaluation.lead')}</p>
      <fieldset
        className={`field choice-group${satisfactionError ? ' field--invalid' : ''}`}
        aria-describedby={satisfactionError ? 'satisfaction-error' : undefined}
      >
        <legend className="field__label">
          {labels.satisfaction}
          <span className="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        </legend>
        {scores.map((score) => (
          <label key={score} className="choice">
            <input
              type="radio"
              name="satisfaction"
              value={score}
              checked={satisfaction === score}
              aria-invalid={Boolean(satisfactionError)}
              onChange={() => setSatisfaction(score)}
            />
            {t(`cobuild.evaluation.score.${score}`)}
          </label>
        ))}
        {satisfactionError ? (
          <p id="satisfaction-error" className="field__error" role="alert">
            {satisfactionError}
          </p>
        ) : null}
      </fieldset>
      <Field label={labels.comment} error={errors.comment} required>
        {(control) => (
          <textarea {...control} name="comment" rows={3} value={comment} onChange={(event) => setComment(event.target.value)} />
        )}
      </Field>
      <ApiErrorNotice error={evaluating.error} fieldLabels={labels} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={evaluating.fetching} data-action="evaluate">
          {evaluating.fetching ? t('form.saving') : t('cobuild.evaluation.submit')}
        </button>
      </div>
    </form>
  );
}
