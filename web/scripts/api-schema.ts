import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

/**
 * The schema clients see through the gateway: the supergraph without its `join__`/`link__`
 * machinery and without inaccessible elements. Throws when the supergraph does not build.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}
