import { needInput, resourceInput } from '@hub/cobuild';
import { type FieldErrors, orNull } from '../app/validation.ts';
import type { Category, HelpKind } from '../generated/graphql.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import { ruleErrors } from './form-errors.ts';
import type { ItemEntity, MyItem } from './item-kinds.ts';

/** One row of the kinds of help, as typed: the amount as text (empty: none given). */
export interface HelpRow {
  kind: HelpKind | '';
  amount: string;
  unit: string;
}

/** The need or resource form's state; a need uses `wantedBy`, a resource the availability and conditions. */
export interface ItemDraft {
  allianceId: string;
  title: string;
  description: string;
  category: Category | '';
  /** Tags as typed, separated by commas, 、 or spaces. */
  tags: string;
  place: string;
  wantedBy: string;
  availableFrom: string;
  availableUntil: string;
  help: HelpRow[];
  conditions: string;
}

export type ItemField = Exclude<keyof ItemDraft, 'help'>;

/*
 * The API's inputs (src/generated/schema.graphql): the operations that send them are built at run
 * time for the editor's kind (item-operations.ts), so codegen does not type them.
 */
export interface HelpAmountInput {
  readonly kind: HelpKind;
  readonly amount: number | null;
  readonly unit: string | null;
}
interface ItemInputCommon {
  readonly title: string;
  readonly description: string | null;
  readonly category: Category | null;
  readonly tags: readonly string[];
  readonly place: string | null;
}
export interface NeedInput extends ItemInputCommon {
  readonly wantedBy: string | null;
  readonly help: readonly HelpAmountInput[];
}
export interface ResourceInput extends ItemInputCommon {
  readonly availableFrom: string | null;
  readonly availableUntil: string | null;
  readonly offers: readonly HelpAmountInput[];
  readonly conditions: string | null;
}

export function emptyItemDraft(allianceId: string): ItemDraft {
  return {
    allianceId,
    title: '',
    description: '',
    category: '',
    tags: '',
    place: '',
    wantedBy: '',
    availableFrom: '',
    availableUntil: '',
    help: [{ kind: '', amount: '', unit: '' }],
    conditions: '',
  };
}

/** The form state of an existing need or resource, for editing. */
export function itemDraftOf(item: MyItem): ItemDraft {
  const help = 'help' in item ? item.help : item.offers;
  return {
    allianceId: item.allianceId,
    title: item.title,
    description: item.description ?? '',
    category: item.category,
    tags: item.tags.join('，'),
    place: item.place ?? '',
    wantedBy: 'wantedBy' in item ? (item.wantedBy ?? '') : '',
    availableFrom: 'availableFrom' in item ? (item.availableFrom ?? '') : '',
    availableUntil: 'availableUntil' in item ? (item.availableUntil ?? '') : '',
    help: help.map((row) => ({
      kind: row.kind,
      amount: row.amount === null || row.amount === undefined ? '' : String(row.amount),
      unit: row.unit ?? '',
    })),
    conditions: 'conditions' in item ? (item.conditions ?? '') : '',
  };
}

export function tagsOf(text: string): string[] {
  return text
    .split(/[,，、;；\s]+/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

function helpInput(rows: readonly HelpRow[]): HelpAmountInput[] {
  return rows.map((row) => ({
    kind: row.kind as HelpKind,
    amount: row.amount.trim() === '' ? null : Number(row.amount),
    unit: orNull(row.unit),
  }));
}

/** The draft as the API's NeedInput: every field given, so a cleared one is cleared. */
export function needInputOf(draft: ItemDraft): NeedInput {
  return {
    title: draft.title.trim(),
    description: orNull(draft.description),
    category: draft.category || null,
    tags: tagsOf(draft.tags),
    place: orNull(draft.place),
    wantedBy: orNull(draft.wantedBy),
    help: helpInput(draft.help),
  };
}

/** The draft as the API's ResourceInput. */
export function resourceInputOf(draft: ItemDraft): ResourceInput {
  return {
    title: draft.title.trim(),
    description: orNull(draft.description),
    category: draft.category || null,
    tags: tagsOf(draft.tags),
    place: orNull(draft.place),
    availableFrom: orNull(draft.availableFrom),
    availableUntil: orNull(draft.availableUntil),
    offers: helpInput(draft.help),
    conditions: orNull(draft.conditions),
  };
}

/** A value the rules read as absent (an unchosen category or kind of help) rather than as a wrong one. */
function chosen<T>(value: T | '' | null): T | undefined {
  return value === '' || value === null ? undefined : value;
}

/**
 * Checks the draft with the API's own rules (`needInput` / `resourceInput` of @hub/cobuild), so
 * the form shows what the API would answer, field by field, in the reader's words.
 */
export function validateItem(entity: ItemEntity, draft: ItemDraft, t: Translate): FieldErrors {
  const errors: FieldErrors = { allianceId: draft.allianceId ? undefined : t('validation.chooseOne') };
  const rows = helpInput(draft.help).map((row) => ({ ...row, kind: chosen(row.kind) }));
  const input =
    entity === 'need'
      ? { ...needInputOf(draft), category: chosen(draft.category), help: rows }
      : { ...resourceInputOf(draft), category: chosen(draft.category), offers: rows };
  const result = (entity === 'need' ? needInput : resourceInput).safeParse(input);
  return { ...errors, ...(result.success ? {} : ruleErrors(result.error.issues, t, input)) };
}
