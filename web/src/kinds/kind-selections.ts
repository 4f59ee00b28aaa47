import { type DocumentNode, type InlineFragmentNode, Kind } from 'graphql';
import { commitmentTypename, type PartnerKind } from './partner-kinds.ts';

/** Fields to read on one concrete type: `... on <typename> { <fields> }`. */
export interface TypeSelection {
  readonly typename: string;
  readonly fields: readonly string[];
}

/** Every field of the kind's own on its commitments (an editor reads and writes them all). */
export function ownFieldsOf(kind: PartnerKind): TypeSelection {
  return { typename: commitmentTypename(kind), fields: kind.fields.map((field) => field.name) };
}

/** The place field of each kind that has one (lists show where an item happens). */
export function placeFieldsOf(kinds: readonly PartnerKind[]): TypeSelection[] {
  return kinds.flatMap((kind) => (kind.placeField ? [{ typename: commitmentTypename(kind), fields: [kind.placeField] }] : []));
}

function inlineFragment({ typename, fields }: TypeSelection): InlineFragmentNode {
  return {
    kind: Kind.INLINE_FRAGMENT,
    typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: typename } },
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: fields.map((field) => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: field } })),
    },
  };
}

const widened = new WeakMap<DocumentNode, Map<string, DocumentNode>>();

/**
 * `document` with `... on <Type> { <fields> }` added to its fragment `fragmentName`, for each
 * selection: how a typed operation also reads kind-specific fields it learns of at run time. The
 * answer keeps the fragment's generated type; the added fields are read by name
 * (`kind-values.ts`). The same document comes back for the same selections, so urql sees one
 * operation.
 */
export function withKindFields<D extends DocumentNode>(document: D, fragmentName: string, selections: readonly TypeSelection[]): D {
  const key = JSON.stringify([fragmentName, selections]);
  const known = widened.get(document) ?? new Map<string, DocumentNode>();
  widened.set(document, known);
  const existing = known.get(key);
  if (existing) {
    return existing as D;
  }
  if (!document.definitions.some((definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === fragmentName)) {
    throw new Error(`The document has no fragment ${fragmentName}`);
  }
  // A new document, not a copy: urql keys a document by properties it sets on it (`__key`, `loc`).
  const result: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: document.definitions.map((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === fragmentName
        ? {
            ...definition,
            selectionSet: {
              ...definition.selectionSet,
              selections: [
                ...definition.selectionSet.selections,
                ...selections.filter((selection) => selection.fields.length > 0).map(inlineFragment),
              ],
            },
          }
        : definition,
    ),
  };
  known.set(key, result);
  return result as D;
}
