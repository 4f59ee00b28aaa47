import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import type { PartnerKind } from '../kinds/partner-kinds.ts';

/** An organization as its kind's subgraph registered it. */
export interface RegisteredPartner {
  readonly id: string;
  readonly name: string;
  readonly shortName: string | null;
  readonly kind: string;
}

export interface PartnerRegistration {
  readonly name: string;
  readonly shortName: string | null;
  readonly description?: string | null;
}

type Registered = Partial<Record<string, { registerPartner: RegisteredPartner }>>;
type Variables = { input: PartnerRegistration };

const documents = new Map<string, TypedDocumentNode<Registered, Variables>>();

/** `<namespace> { registerPartner(input) }`: registers an organization in its own kind's subgraph (coordinator). */
export function registerPartnerMutation(kind: Pick<PartnerKind, 'namespace'>): TypedDocumentNode<Registered, Variables> {
  const known = documents.get(kind.namespace);
  if (known) {
    return known;
  }
  const document: TypedDocumentNode<Registered, Variables> = parse(
    `mutation RegisterPartner($input: PartnerRegistrationInput!) { ${kind.namespace} { registerPartner(input: $input) { id name shortName kind } } }`,
    { noLocation: true },
  );
  documents.set(kind.namespace, document);
  return document;
}

/** The organization a registration answered with, from its kind's namespace. */
export function registeredPartner(data: Registered | undefined, kind: Pick<PartnerKind, 'namespace'>): RegisteredPartner | null {
  return data?.[kind.namespace]?.registerPartner ?? null;
}
