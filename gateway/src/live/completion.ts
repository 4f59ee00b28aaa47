import {
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  print,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import { companionField } from './supergraph-routes.ts';

/** A client's subscription, split into what goes upstream and what completes each event. */
export interface LivePlan {
  /** The root field's response key (alias or name). */
  readonly responseKey: string;
  /**
   * The subscription sent to the owning subgraph: the root field with its arguments, `{ cursor }`
   * only. Its `$after` is the group's own resume point, never the client's.
   */
  readonly upstreamQuery: string;
  /** The query that completes one event through the gateway: `$__cursor` plus the client's variables. */
  readonly completionQuery: string;
  /** The client's variables that the completion query uses. */
  readonly completionVariables: Record<string, unknown>;
  /** The root field's arguments but `after`, as values: the upstream subscription's variables. */
  readonly upstreamVariables: Record<string, unknown>;
  /** The `after` cursor the client resumes from, if any. */
  readonly after: string | null;
  /**
   * What identifies the stream, whatever the client's `after` and however it spelled its
   * variables: clients with the same key may share one upstream stream and completion.
   */
  readonly streamKey: string;
}

function usedVariables(nodes: readonly ASTNode[]): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  }
  return names;
}

/**
 * Splits a validated subscription (one root field, by the GraphQL spec) into the upstream
 * subscription and the per-event completion query, keeping the client's selection, fragments and
 * variables (unused ones dropped, as GraphQL requires).
 */
export function planSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): LivePlan {
  const root = operation.selectionSet.selections[0];
  if (!root || root.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1 || !root.selectionSet) {
    throw new Error('A subscription selects exactly one root field');
  }
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const { after, ...args } = Object.fromEntries(
    (root.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value, variables)]),
  );
  const argumentList = [...Object.keys(args), 'after'].map((name) => `${name}: $${name}`).join(', ');
  const definitions = schema.getSubscriptionType()?.getFields()[root.name.value]?.args ?? [];
  const upstreamVariableDefinitions = definitions
    .filter((definition) => definition.name in args)
    .map((definition) => `$${definition.name}: ${String(definition.type)}, `)
    .join('');
  const upstreamQuery = `subscription Live(${upstreamVariableDefinitions}$after: String) { ${root.name.value}(${argumentList}) { cursor } }`;

  const used = usedVariables([root.selectionSet, ...fragments]);
  const keptDefinitions = (operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value));
  const responseKey = root.alias?.value ?? root.name.value;
  const completionQuery = [
    `query LiveCompletion($__cursor: String!${keptDefinitions.map((d) => `, ${print(d)}`).join('')}) {`,
    `  ${responseKey}: ${companionField(root.name.value)}(cursor: $__cursor) ${print(root.selectionSet)}`,
    '}',
    ...fragments.map((f) => print(f)),
  ].join('\n');
  const completionVariables = Object.fromEntries(keptDefinitions.map((d) => [d.variable.name.value, variables[d.variable.name.value]]));
  return {
    responseKey,
    upstreamQuery,
    completionQuery,
    completionVariables,
    upstreamVariables: args,
    after: typeof after === 'string' ? after : null,
    streamKey: JSON.stringify([upstreamQuery, args, completionQuery, completionVariables]),
  };
}
