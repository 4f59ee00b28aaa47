import type { CombinedError } from '@urql/core';
import type { FieldErrors } from '../app/validation.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import { apiRuleText, issueText, type RuleIssue } from './rule-messages.ts';

/**
 * The form field a rule's path (or the API's dotted `field`) names: a resource's `offers` is the
 * form's `help` list like a need's, a row of it keeps its index (`help.0.amount`), every tag is
 * the one `tags` field.
 */
export function formField(path: readonly PropertyKey[] | string): string {
  const parts = (typeof path === 'string' ? path.split('.') : path.map(String)).map((part) => (part === 'offers' ? 'help' : part));
  if (parts[0] === 'tags') {
    return 'tags';
  }
  return parts.join('.') || 'input';
}

/** Each field's first problem, as the rules of @hub/cobuild found them in `input`, in the reader's words. */
export function ruleErrors(issues: readonly RuleIssue[], t: Translate, input: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = formField(issue.path);
    errors[field] ??= issueText(issue, t, input);
  }
  return errors;
}

/** The fields a BAD_USER_INPUT answer blames, with what it said, in the reader's words, for the form to show beside them. */
export function apiFieldErrors(error: CombinedError | undefined, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of error?.graphQLErrors ?? []) {
    const field = problem.extensions?.field;
    if (problem.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string') {
      errors[formField(field)] ??= apiRuleText(field, problem.message, t);
    }
  }
  return errors;
}
