import type { Format } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.ts';
import { type KindField, type PartnerKinds, textOf } from './partner-kinds.ts';

/** A kind's own field of an answer read with it (`withKindFields`): the generated types know only the common ones. */
export function ownValue(item: object, field: string): unknown {
  return (item as Record<string, unknown>)[field];
}

/** A value of a kind's field in words: a count formatted, a list joined, choices by their labels. */
export function shownValue(field: KindField, value: unknown, lang: Lang, format: Format): string {
  const list = Array.isArray(value) ? value.map(String) : [];
  switch (field.type) {
    case 'TEXT':
      return typeof value === 'string' && value !== '' ? value : '—';
    case 'COUNT':
      return typeof value === 'number' ? format.number(value) : '—';
    case 'TEXTS':
      return format.list(list);
    case 'CHOICES':
      return format.list(
        list.map((chosen) => {
          const choice = field.choices.find((candidate) => candidate.value === chosen);
          return choice ? textOf(choice.label, lang) : chosen;
        }),
      );
  }
}

/** Where a commitment happens, from its kind's place field; null when its kind has none or it is empty. */
export function placeOf(item: { readonly __typename?: string }, kinds: PartnerKinds): string | null {
  const placeField = kinds.ofCommitment(item.__typename)?.placeField;
  const place = placeField ? ownValue(item, placeField) : null;
  return typeof place === 'string' && place !== '' ? place : null;
}
