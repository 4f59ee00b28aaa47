import type { DocumentNode } from 'graphql';
import { MyNeedDetailFragmentDoc, MyNeedFragmentDoc, MyResourceDetailFragmentDoc, MyResourceFragmentDoc } from '../generated/graphql.ts';
import { namespaced } from '../kinds/namespaced.ts';
import type { PartnerKind } from '../kinds/partner-kinds.ts';
import type { NeedInput, ResourceInput } from './item-draft.ts';
import type { ItemEntity, MyItem, MyItemDetail } from './item-kinds.ts';

type At = { id: string; version: number };

/**
 * A partner editor's operations on its needs or resources, in the namespace of its kind
 * (`<namespace> { createNeed … }`), each answering under one alias (`items`, `item`) so the pages
 * read needs and resources alike.
 */
function itemOperations<Item, Detail, Input>(type: 'Need' | 'Resource', brief: DocumentNode, full: DocumentNode) {
  const field = type.toLowerCase();
  const short = () => [brief];
  const long = () => [full];
  const at = '$id: ID!, $version: Int!';
  return {
    list: namespaced<{ items: Item[] }, Record<string, never>>({
      operation: 'query',
      name: `My${type}s`,
      body: `items: my${type}s { ...My${type} }`,
      fragments: short,
    }),
    detail: namespaced<{ item: Detail | null }, { id: string }>({
      operation: 'query',
      name: `My${type}Detail`,
      variables: () => '$id: ID!',
      body: `item: ${field}(id: $id) { ...My${type}Detail }`,
      fragments: long,
    }),
    /** The partner's published ones, to claim a need with. */
    published: namespaced<{ items: Item[] }, Record<string, never>>({
      operation: 'query',
      name: `MyPublished${type}s`,
      body: `items: my${type}s(status: PUBLISHED) { ...My${type} }`,
      fragments: short,
    }),
    create: namespaced<{ item: Item }, { allianceId: string; input: Input }>({
      operation: 'mutation',
      name: `Create${type}`,
      variables: () => `$allianceId: ID!, $input: ${type}Input!`,
      body: `item: create${type}(allianceId: $allianceId, input: $input) { ...My${type} }`,
      fragments: short,
    }),
    update: namespaced<{ item: Detail }, At & { input: Input }>({
      operation: 'mutation',
      name: `Update${type}`,
      variables: () => `${at}, $input: ${type}Input!`,
      body: `item: update${type}(id: $id, version: $version, input: $input) { ...My${type}Detail }`,
      fragments: long,
    }),
    publish: namespaced<{ item: Detail }, At>({
      operation: 'mutation',
      name: `Publish${type}`,
      variables: () => at,
      body: `item: publish${type}(id: $id, version: $version) { ...My${type}Detail }`,
      fragments: long,
    }),
    withdraw: namespaced<{ item: Detail }, At & { reason: string }>({
      operation: 'mutation',
      name: `Withdraw${type}`,
      variables: () => `${at}, $reason: String!`,
      body: `item: withdraw${type}(id: $id, version: $version, reason: $reason) { ...My${type}Detail }`,
      fragments: long,
    }),
  };
}

type ItemInput = NeedInput | ResourceInput;
const needOperations = itemOperations<MyItem, MyItemDetail, ItemInput>('Need', MyNeedFragmentDoc, MyNeedDetailFragmentDoc);
const resourceOperations = itemOperations<MyItem, MyItemDetail, ItemInput>('Resource', MyResourceFragmentDoc, MyResourceDetailFragmentDoc);

/** The operations on the editor's needs or its resources. */
export function operationsOf(entity: ItemEntity) {
  return entity === 'need' ? needOperations : resourceOperations;
}

/** The type of a kind's needs or resources (`<Prefix>Need`), which a list names to be refetched after a write even when it was empty. */
export function itemTypename(entity: ItemEntity, kind: Pick<PartnerKind, 'typePrefix'>): string {
  return `${kind.typePrefix}${entity === 'need' ? 'Need' : 'Resource'}`;
}
