import type { CombinedError } from '@urql/core';
import { type ApiProblem, apiProblems } from '../api/errors.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface ApiErrorNoticeProps {
  readonly error: CombinedError | null | undefined;
  /** Labels of the form's fields, to name the field a BAD_USER_INPUT error blames. */
  readonly fieldLabels?: Readonly<Record<string, string>>;
}

/**
 * Shows what the API refused, in the reader's language (what it means and what to do), with
 * the server's own message beneath, so nothing the server said is hidden.
 */
export function ApiErrorNotice({ error, fieldLabels = {} }: ApiErrorNoticeProps) {
  const { t } = useI18n();
  if (!error) {
    return null;
  }
  const problems = apiProblems(error);
  const describe = (problem: ApiProblem) => {
    const field = problem.field ? (fieldLabels[problem.field] ?? fieldLabels[problem.field.split('.')[0] ?? ''] ?? problem.field) : null;
    return field ? t('error.inField', { field }) : null;
  };
  return (
    <div className="notice notice--error" role="alert" data-error-code={problems[0]?.code}>
      {problems.map((problem, index) => (
        <div key={index} className="notice__problem">
          <p className="notice__title">
            {t(`error.${problem.code}`)}
            {describe(problem) ? <span className="notice__field"> {describe(problem)}</span> : null}
          </p>
          <p className="notice__hint">{t(`error.${problem.code}.hint`)}</p>
          <p className="notice__server">
            {t('error.serverSaid')} <code>{problem.serverMessage}</code>
          </p>
        </div>
      ))}
    </div>
  );
}
