import { type KindField as FieldDefinition, fieldRule } from '@hub/kinds';
import type { Translate } from '../i18n/I18nProvider.tsx';
import type { KindField } from './partner-kinds.ts';

/** What a rule of @hub/kinds reports about a value it refuses (a zod issue). */
type Issue = NonNullable<ReturnType<ReturnType<typeof fieldRule>['safeParse']>['error']>['issues'][number];

/** The field as @hub/kinds defines it, from what the API says of it (a limit it leaves out is no limit). */
export function definitionOf(field: KindField): FieldDefinition {
  const { label } = field;
  switch (field.type) {
    case 'TEXT':
      return { type: 'text', label, maxLength: field.maxLength ?? Number.POSITIVE_INFINITY, required: field.required };
    case 'COUNT':
      return { type: 'count', label, max: field.max ?? Number.POSITIVE_INFINITY, required: field.required };
    case 'TEXTS':
      return {
        type: 'texts',
        label,
        maxItems: field.maxItems ?? Number.POSITIVE_INFINITY,
        maxLength: field.maxLength ?? Number.POSITIVE_INFINITY,
      };
    case 'CHOICES':
      return {
        type: 'choices',
        label,
        enumName: '',
        values: Object.fromEntries(field.choices.map((choice) => [choice.value, choice.label])),
      };
  }
}

/**
 * The reader's words for what a rule refused. The rules' own messages are English; those of
 * their refinements are recognised by their text, the rest by the issue's code. A message not
 * recognised is shown as the rule gave it.
 */
export function ruleMessage(issue: Issue, t: Translate): string {
  const longest = /^must be at most (\d+) characters$/.exec(issue.message);
  if (longest) {
    return t(issue.path.length > 0 ? 'validation.lineTooLong' : 'validation.tooLong', { max: Number(longest[1]) });
  }
  switch (issue.message) {
    case 'must not be empty':
      return t('validation.required');
    case 'must not hold empty entries':
      return t('validation.emptyLine');
    case 'must not contain NUL characters or unpaired surrogates':
      return t('validation.badCharacters');
  }
  switch (issue.code) {
    case 'too_big':
      return t(issue.origin === 'array' ? 'validation.tooManyItems' : 'validation.atMost', { max: Number(issue.maximum) });
    case 'too_small':
      return t('validation.atLeast', { min: Number(issue.minimum) });
    case 'invalid_type':
      return t(issue.expected === 'int' ? 'validation.wholeNumberOnly' : 'validation.number');
    case 'invalid_value':
      return t('validation.chooseListed');
    default:
      return issue.message;
  }
}

/** Why the API's rule for the field (`fieldRule` of @hub/kinds) refuses a value, or undefined when it takes it. */
export function fieldProblem(field: KindField, value: unknown, t: Translate): string | undefined {
  const result = fieldRule(definitionOf(field)).safeParse(value);
  const [issue] = result.error?.issues ?? [];
  return result.success ? undefined : issue ? ruleMessage(issue, t) : t('validation.invalid');
}
