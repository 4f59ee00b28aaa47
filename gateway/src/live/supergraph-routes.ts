import { Supergraph } from '@apollo/federation-internals';
import { type ConstDirectiveNode, type GraphQLSchema, Kind, parse } from 'graphql';

/** What the live layer needs of a supergraph: its API schema and who owns each subscription field. */
export interface LiveRoutes {
  readonly apiSchema: GraphQLSchema;
  /** Subscription field → owning subgraph's name (as in `join__graph(name:)`). */
  readonly owners: ReadonlyMap<string, string>;
}

/**
 * The companion query field that returns one event by cursor, by the hub's rule:
 * `coBuildingListChanged` → `coBuildingListChange`.
 */
export function companionField(subscriptionField: string): string {
  return subscriptionField.replace(/Changed$/, 'Change');
}

/**
 * Reads the API schema and the subscription fields' owners from a supergraph. Throws when a
 * subscription field has no owner or no companion query field (the hub's contract).
 */
export function liveRoutes(supergraphSdl: string): LiveRoutes {
  const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const nameArg = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments?.find((a) => a.name.value === 'name');
        if (nameArg?.value.kind === Kind.STRING) {
          graphNames.set(value.name.value, nameArg.value.value);
        }
      }
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Subscription') {
      continue;
    }
    // A field names its graph with @join__field, unless the whole type lives in one graph.
    const typeGraphs = (definition.directives ?? []).filter((d) => d.name.value === 'join__type');
    const graphOf = (directives: readonly ConstDirectiveNode[] | undefined, name: string) => {
      const graph = directives?.find((d) => d.name.value === name)?.arguments?.find((a) => a.name.value === 'graph');
      return graph?.value.kind === Kind.ENUM ? graphNames.get(graph.value.value) : undefined;
    };
    for (const field of definition.fields ?? []) {
      // Not in the API (the gateway's own feeds): clients cannot subscribe to it.
      if (field.directives?.some((d) => d.name.value === 'inaccessible')) {
        continue;
      }
      const owner = graphOf(field.directives, 'join__field') ?? (typeGraphs.length === 1 ? graphOf(typeGraphs, 'join__type') : undefined);
      if (!owner) {
        throw new Error(`Subscription.${field.name.value} has no owning subgraph in the supergraph`);
      }
      if (!field.arguments?.some((arg) => arg.name.value === 'after')) {
        throw new Error(`Subscription.${field.name.value} takes no \`after\` cursor, so clients could not resume`);
      }
      if (!apiSchema.getQueryType()?.getFields()[companionField(field.name.value)]) {
        throw new Error(`Subscription.${field.name.value} has no companion Query.${companionField(field.name.value)}(cursor)`);
      }
      owners.set(field.name.value, owner);
    }
  }
  return { apiSchema, owners };
}
