import type { PartnerKindDefinitionFragment } from '../generated/graphql.ts';
import type { Lang } from '../i18n/lang.ts';

/** A partner kind as the API defines it (`partnerKinds`): names, labels, colour, its own fields. */
export type PartnerKind = PartnerKindDefinitionFragment;
/** One of a kind's own commitment fields, with the rules its values follow. */
export type KindField = PartnerKind['fields'][number];
/** A text in both of the hub's languages. */
export type KindLabel = PartnerKind['label'];

/** The kinds the hub federates, with the look-ups the pages need. */
export interface PartnerKinds {
  /** In the order the API lists them. */
  readonly list: readonly PartnerKind[];
  /** The kind whose `PartnerKind` value is `kind` (e.g. a member's kind), if the API knows it. */
  of(kind: string): PartnerKind | undefined;
  /** The kind of a commitment, by the `__typename` it was answered with. */
  ofCommitment(typename: string | undefined): PartnerKind | undefined;
}

/** The type of a kind's commitments, `<typePrefix>Commitment`. */
export function commitmentTypename(kind: Pick<PartnerKind, 'typePrefix'>): string {
  return `${kind.typePrefix}Commitment`;
}

/** The type of the activities a kind's partners host. */
export function activityTypename(kind: Pick<PartnerKind, 'typePrefix'>): string {
  return `${kind.typePrefix}Activity`;
}

export function partnerKindsOf(list: readonly PartnerKind[]): PartnerKinds {
  const byKind = new Map(list.map((kind) => [kind.kind, kind]));
  const byTypename = new Map(list.map((kind) => [commitmentTypename(kind), kind]));
  return {
    list,
    of: (kind) => byKind.get(kind),
    ofCommitment: (typename) => (typename ? byTypename.get(typename) : undefined),
  };
}

/** A label in the reader's language. */
export function textOf(label: KindLabel, lang: Lang): string {
  return lang === 'en' ? label.en : label.zh;
}

/** A kind's name in the reader's language; a kind the API did not describe shows as its value. */
export function kindName(kinds: PartnerKinds | null, kind: string, lang: Lang): string {
  const known = kinds?.of(kind);
  return known ? textOf(known.label, lang) : kind;
}
