/**
 * What the ledger needs of a partner kind, as the API's `partnerKinds` describes it: the
 * ledger's own-field columns, the template's columns and the reader's parsing come from it, so a
 * kind added to the hub shows in the files without a change here.
 */

export interface LedgerLabel {
  readonly zh: string;
  readonly en: string;
}

export interface LedgerKindField {
  readonly name: string;
  readonly type: 'TEXT' | 'COUNT' | 'TEXTS' | 'CHOICES';
  readonly label: LedgerLabel;
  readonly required: boolean;
  readonly maxLength: number | null;
  readonly max: number | null;
  readonly maxItems: number | null;
  readonly choices: readonly { readonly value: string; readonly label: LedgerLabel }[];
}

export interface LedgerKind {
  readonly kind: string;
  readonly typePrefix: string;
  readonly namespace: string;
  readonly label: LedgerLabel;
  readonly fields: readonly LedgerKindField[];
}

/** The selection of `Query.partnerKinds` that yields `LedgerKind`s. */
export const partnerKindsSelection = `partnerKinds {
  kind typePrefix namespace label { zh en }
  fields { name type label { zh en } required maxLength max maxItems choices { value label { zh en } } }
}`;

/** How a list field's entries are written in one cell, and the separators a reader accepts. */
export const listSeparator = '、';
const listSeparators = /[、，,；;\n]+/;

/** A kind field's value as a ledger cell shows it: lists joined, choices by their Chinese words. */
export function ownFieldText(field: LedgerKindField, value: unknown): string | number | null {
  if (value === null || value === undefined) {
    return null;
  }
  switch (field.type) {
    case 'COUNT':
      return typeof value === 'number' ? value : null;
    case 'TEXT':
      return String(value);
    case 'TEXTS':
      return Array.isArray(value) ? value.map(String).join(listSeparator) : String(value);
    case 'CHOICES': {
      const words = new Map(field.choices.map((choice) => [choice.value, choice.label.zh]));
      return Array.isArray(value) ? value.map((entry) => words.get(String(entry)) ?? String(entry)).join(listSeparator) : String(value);
    }
  }
}

/** The entries of a list cell: split at 、，,；; or line breaks, trimmed, empty ones dropped. */
export function listEntries(text: string): string[] {
  return text
    .split(listSeparators)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}
