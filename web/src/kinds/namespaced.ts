import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, type FragmentDefinitionNode, Kind, parse } from 'graphql';
import type { AnyVariables } from 'urql';
import type { PartnerKind } from './partner-kinds.ts';

/** An answer from a kind's namespace: `{ <namespace>: Data }`. */
export type InNamespace<Data> = Partial<Record<string, Data>>;

export interface NamespacedOperation {
  readonly operation: 'query' | 'mutation';
  readonly name: string;
  /** Its variable definitions, which may name the kind's types (`$input: ${kind.typePrefix}CommitmentInput!`). */
  readonly variables?: (kind: PartnerKind) => string;
  /** What it selects inside the namespace. */
  readonly body: string;
  /** The fragments the body spreads: codegen's, so the answer is typed (widened with the kind's own fields where needed). */
  readonly fragments: (kind: PartnerKind) => readonly DocumentNode[];
}

function fragmentsOf(documents: readonly DocumentNode[]): FragmentDefinitionNode[] {
  const byName = new Map<string, FragmentDefinitionNode>();
  for (const definition of documents.flatMap((document) => document.definitions)) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && !byName.has(definition.name.value)) {
      byName.set(definition.name.value, definition);
    }
  }
  return [...byName.values()];
}

/**
 * An operation written once for every partner kind and sent to the namespace of one
 * (`mutation { <namespace> { … } }`), so a kind that joins later is written to like the others.
 * Returns the document for a kind, built the first time it is asked for and then reused.
 */
export function namespaced<Data, Variables extends AnyVariables>(
  spec: NamespacedOperation,
): (kind: PartnerKind) => TypedDocumentNode<InNamespace<Data>, Variables> {
  const documents = new Map<string, TypedDocumentNode<InNamespace<Data>, Variables>>();
  return (kind) => {
    const key = JSON.stringify([kind.namespace, kind.typePrefix, kind.fields.map((field) => field.name)]);
    const known = documents.get(key);
    if (known) {
      return known;
    }
    const variables = spec.variables ? `(${spec.variables(kind)})` : '';
    // Without a location: urql would take the parsed text, which lacks the fragments, for the document's.
    const operation = parse(`${spec.operation} ${spec.name}${variables} { ${kind.namespace} { ${spec.body} } }`, { noLocation: true });
    const document: TypedDocumentNode<InNamespace<Data>, Variables> = {
      kind: Kind.DOCUMENT,
      definitions: [...operation.definitions, ...fragmentsOf(spec.fragments(kind))],
    };
    documents.set(key, document);
    return document;
  };
}

/** What a kind's namespace answered, if anything. */
export function inNamespace<Data>(data: InNamespace<Data> | null | undefined, kind: PartnerKind): Data | null {
  return data?.[kind.namespace] ?? null;
}
