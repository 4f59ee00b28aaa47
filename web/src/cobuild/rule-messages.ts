import type { needInput } from '@hub/cobuild';
import type { Translate } from '../i18n/I18nProvider.tsx';
import { ruleMessage } from '../kinds/field-rules.ts';

/** What a rule of @hub/cobuild reports about a value it refuses (a zod issue). */
export type RuleIssue = NonNullable<ReturnType<typeof needInput.safeParse>['error']>['issues'][number];

/** The messages of @hub/cobuild's rules (English, as the API also answers with them), in the reader's words. */
const byText: readonly [RegExp, (match: RegExpExecArray, t: Translate) => string][] = [
  [/^must be at most (\d+) characters$/, (match, t) => t('validation.tooLong', { max: Number(match[1]) })],
  [/^(must not be empty|is required)$/, (_, t) => t('validation.required')],
  [/^must not contain control characters$/, (_, t) => t('validation.badCharacters')],
  [/^must be (a date YYYY-MM-DD|a real date)$/, (_, t) => t('cobuild.validation.date')],
  [/^must be more than 0$/, (_, t) => t('cobuild.validation.positive')],
  [/^at most (\d+) tags$/, (match, t) => t('cobuild.validation.tooManyTags', { max: Number(match[1]) })],
  [/^at most (\d+) kinds of help$/, (match, t) => t('validation.tooManyItems', { max: Number(match[1]) })],
  [/^names each kind of help once$/, (_, t) => t('cobuild.validation.helpOnce')],
  [/^names at least one kind of help$/, (_, t) => t('cobuild.validation.helpNeeded')],
  [/^must not end before it starts$/, (_, t) => t('validation.endBeforeStart')],
  [/^must be (\d+) to (\d+)$/, (match, t) => t('validation.wholeNumber', { min: Number(match[1]), max: Number(match[2]) })],
  [/^must be a whole number$/, (_, t) => t('validation.wholeNumberOnly')],
  [/^must be an id$/, (_, t) => t('validation.chooseListed')],
];

/** A rule's message in the reader's words, or null when it is not one of @hub/cobuild's. */
export function ruleText(message: string, t: Translate): string | null {
  for (const [pattern, say] of byText) {
    const match = pattern.exec(message);
    if (match) {
      return say(match, t);
    }
  }
  return null;
}

/** The value at a rule's path in what was checked. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    value = value === null || value === undefined ? undefined : (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Why a rule refused a value of `input`, in the reader's words: the rule's own message, else by
 * the issue's code (zod's own messages are not relied on: a production build may leave them out).
 */
export function issueText(issue: RuleIssue, t: Translate, input?: unknown): string {
  const known = ruleText(issue.message, t);
  if (known) {
    return known;
  }
  if (issue.code === 'invalid_value') {
    return t('validation.chooseOne');
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) == null) {
    return t('validation.required');
  }
  return ruleMessage(issue, t);
}

/**
 * What the API said of a BAD_USER_INPUT (`<field> <rule's message>`, as the partner subgraphs and
 * the alliance word it), in the reader's words; the server's text when it is not a rule's.
 */
export function apiRuleText(field: string, message: string, t: Translate): string {
  const text = message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
  return ruleText(text, t) ?? message;
}
