import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, isInterfaceType } from 'graphql';
import { gql } from 'graphql-tag';
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';

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
}

/**
 * The `resolveType` an `@InterfaceType` named `name` was declared with, if one was. Classes of the
 * same name may be declared in several packages (an interface shared by contracts, implemented in
 * one subgraph): at most one of them may give a `resolveType`.
 */
function declaredResolveType(name: string): ((value: any) => string) | undefined {
  const declared = getMetadataStorage().interfaceTypes.filter((type) => type.name === name && type.resolveType);
  if (declared.length > 1) {
    throw new Error(`Interface ${name} is declared with a resolveType more than once`);
  }
  return declared[0]?.resolveType as ((value: any) => string) | undefined;
}

/**
 * Builds a federated subgraph schema from type-graphql classes: the type-graphql schema is
 * printed with its directives, prefixed with the Federation 2 `@link`, and rebuilt by
 * `buildSubgraphSchema` with type-graphql's resolvers. An interface with one implementation in
 * this subgraph resolves to it; others by the `resolveType` of their `@InterfaceType`, which must
 * return the type's name synchronously. It is used as declared, not as type-graphql wraps it: the
 * wrapper is async, a promise per value of every list of interface values (300 for a joint list).
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
    const custom = declaredResolveType(type.name);
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
