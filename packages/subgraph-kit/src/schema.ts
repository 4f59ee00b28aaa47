import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, isInterfaceType } from 'graphql';
import { gql } from 'graphql-tag';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';

const federationLink =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])';

const unusedPubSub = {
  publish(): never {
    throw new Error('This subgraph has no PubSub: subscriptions supply their own event streams');
  },
  subscribe(): never {
    throw new Error('This subgraph has no PubSub: subscriptions supply their own event streams');
  },
};

/** Entity reference resolvers: `{ TypeName: { __resolveReference(ref, ctx) } }`. */
export type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, context: any) => unknown }>;

export interface SubgraphSchemaOptions {
  readonly resolvers: NonEmptyArray<Function>;
  readonly orphanedTypes?: Function[];
  readonly referenceResolvers?: ReferenceResolvers;
  /** `__resolveType` per interface, for interfaces with more than one implementation. */
  readonly resolveTypes?: Record<string, (value: any) => string>;
}

/**
 * Builds a federated subgraph schema from type-graphql classes: the type-graphql schema is
 * printed with its directives, prefixed with the Federation 2 `@link`, and rebuilt by
 * `buildSubgraphSchema` with type-graphql's resolvers. An interface with one implementation in
 * this subgraph resolves to it; others need an entry in `resolveTypes`.
 */
export async function buildFederatedSchema(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    validate: false,
    skipCheck: true,
    // Subscriptions here give their own `subscribe` (event streams from the database);
    // type-graphql still demands a PubSub, which nothing may use.
    pubSub: unusedPubSub,
  });
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInterfaceType(type)) {
      continue;
    }
    const custom = options.resolveTypes?.[type.name];
    const implementations = schema.getPossibleTypes(type);
    const only = implementations.length === 1 ? implementations[0]?.name : undefined;
    if (custom || only) {
      resolvers[type.name] = { ...resolvers[type.name], __resolveType: custom ?? (() => only) };
    }
  }
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  const typeDefs = gql(`${federationLink}\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}

/** The subgraph's federated SDL (with @link and @key), as committed in `schema.graphql`. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
