import { checkOptionalText, checkRequiredText, type FieldErrors, lines, orNull } from '../app/validation.ts';
import type { Category, MyCommitmentFragment } from '../generated/graphql.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import { fieldProblem } from '../kinds/field-rules.ts';
import { ownValue } from '../kinds/kind-values.ts';
import type { KindField, PartnerKind } from '../kinds/partner-kinds.ts';

/** One of the kind's own fields as the form holds it: text as typed (a count, a list one entry per line) or the choices ticked. */
export type OwnValue = string | string[];

/** The commitment form's state: the fields every kind has, and the kind's own by name. */
export interface CommitmentDraft {
  allianceId: string;
  title: string;
  description: string;
  category: Category | '';
  startDate: string;
  dueDate: string;
  branchId: string;
  own: Record<string, OwnValue>;
}
export type CommitmentField = Exclude<keyof CommitmentDraft, 'own'>;

/** What a commitment's input holds: the common fields and the kind's own, by name. */
export interface CommitmentInput {
  readonly title: string;
  readonly description: string | null;
  readonly category: Category | null;
  readonly startDate: string | null;
  readonly dueDate: string | null;
  readonly branchId: string | null;
  readonly [ownField: string]: unknown;
}

function ownDraftValue(field: KindField, value: unknown): OwnValue {
  const list = Array.isArray(value) ? value.map(String) : [];
  switch (field.type) {
    case 'TEXT':
      return typeof value === 'string' ? value : '';
    case 'COUNT':
      return typeof value === 'number' ? String(value) : '';
    case 'TEXTS':
      return list.join('\n');
    case 'CHOICES':
      return list;
  }
}

/** A field's value as its rule and the API take it: a count as a number (empty: none), a list by its lines. */
function ownInputValue(field: KindField, value: OwnValue | undefined): unknown {
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'TEXT':
      return text;
    case 'COUNT':
      return text.trim() === '' ? null : Number(text);
    case 'TEXTS':
      return lines(text);
    case 'CHOICES':
      return Array.isArray(value) ? value : [];
  }
}

export function emptyDraft(allianceId: string, kind: PartnerKind): CommitmentDraft {
  return {
    allianceId,
    title: '',
    description: '',
    category: '',
    startDate: '',
    dueDate: '',
    branchId: '',
    own: Object.fromEntries(kind.fields.map((field) => [field.name, ownDraftValue(field, null)])),
  };
}

/** The form state of an existing commitment (read with its kind's own fields), for editing. */
export function draftOf(commitment: MyCommitmentFragment, kind: PartnerKind): CommitmentDraft {
  return {
    allianceId: commitment.allianceId,
    title: commitment.title,
    description: commitment.description ?? '',
    category: commitment.category,
    startDate: commitment.startDate ?? '',
    dueDate: commitment.dueDate ?? '',
    branchId: commitment.branch?.id ?? '',
    own: Object.fromEntries(kind.fields.map((field) => [field.name, ownDraftValue(field, ownValue(commitment, field.name))])),
  };
}

/**
 * Checks the draft as the server will, in the reader's language: the common fields (and a due
 * date, which the list is tracked by), and the kind's own with the API's rules for them.
 */
export function validateCommitment(draft: CommitmentDraft, kind: PartnerKind, t: Translate): FieldErrors {
  const errors: FieldErrors = {
    allianceId: draft.allianceId ? undefined : t('validation.chooseOne'),
    title: checkRequiredText(draft.title, 200, t),
    description: checkOptionalText(draft.description, 5000, t),
    category: draft.category ? undefined : t('validation.chooseOne'),
    dueDate: draft.dueDate ? undefined : t('validation.required'),
  };
  if (draft.startDate && draft.dueDate && draft.dueDate < draft.startDate) {
    errors.dueDate = t('validation.dueBeforeStart');
  }
  for (const field of kind.fields) {
    errors[field.name] = fieldProblem(field, ownInputValue(field, draft.own[field.name]), t);
  }
  return errors;
}

/** The draft as the input of the kind's namespace (`<Prefix>CommitmentInput`). */
export function commitmentInput(draft: CommitmentDraft, kind: PartnerKind): CommitmentInput {
  return {
    title: draft.title.trim(),
    description: orNull(draft.description),
    category: draft.category || null,
    startDate: orNull(draft.startDate),
    dueDate: orNull(draft.dueDate),
    branchId: orNull(draft.branchId),
    ...Object.fromEntries(kind.fields.map((field) => [field.name, ownInputValue(field, draft.own[field.name])])),
  };
}
