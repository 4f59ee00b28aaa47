import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import type { PartnerKind } from '../kinds/partner-kinds.ts';

/** An organization one of the partner subgraphs hosts. */
export interface DirectoryPartner {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

type Directory = Partial<Record<string, { partners: DirectoryPartner[] }>>;

const documents = new Map<string, TypedDocumentNode<Directory, Record<string, never>>>();

/** One query for the organizations of every kind, each from its kind's namespace (`<namespace> { partners }`). */
export function partnerDirectory(kinds: readonly PartnerKind[]): TypedDocumentNode<Directory, Record<string, never>> {
  const selection = kinds.map((kind) => `${kind.namespace} { partners { id name kind } }`).join(' ') || '__typename';
  const known = documents.get(selection);
  if (known) {
    return known;
  }
  const document: TypedDocumentNode<Directory, Record<string, never>> = parse(`query PartnerDirectory { ${selection} }`, {
    noLocation: true,
  });
  documents.set(selection, document);
  return document;
}

/** The organizations the directory found, kind by kind. */
export function directoryPartners(data: Directory | undefined, kinds: readonly PartnerKind[]): DirectoryPartner[] {
  return kinds.flatMap((kind) => data?.[kind.namespace]?.partners ?? []);
}
