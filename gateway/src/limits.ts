import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@hub/contracts';
import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
}

/** Items a list field is assumed to return when it has no `first` argument. */
const defaultListSize = 10;

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } });
}

function firstArgument(field: FieldNode, variables: Record<string, unknown>, defaults: Record<string, unknown>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === 'first');
  if (!arg) {
    return null;
  }
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) {
    return Number(value.value);
  }
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value] ?? defaults[value.name.value];
    return typeof given === 'number' ? given : null;
  }
  return null;
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Measures an operation: nesting depth, number of aliases and an estimated cost (1 per field,
 * multiplied by `first` — or 10 — for fields of list type), following fragment spreads once per path.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): Measure {
  const totals = { aliases: 0 };
  // A variable the request leaves out takes its declared default (`$n: Int = 1000`).
  const defaults = Object.fromEntries(
    (operation.variableDefinitions ?? [])
      .filter((d) => d.defaultValue)
      .map((d) => [d.variable.name.value, valueFromASTUntyped(d.defaultValue as ValueNode)]),
  );
  // `sized`: the enclosing field had `first`, which already counts the items of a connection's
  // `edges`/`nodes` list inside it.
  const walk = (
    set: SelectionSetNode,
    parent: GraphQLNamedType | null | undefined,
    depth: number,
    seen: Set<string>,
    sized = false,
  ): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) {
          totals.aliases += 1;
        }
        if (!selection.selectionSet) {
          cost += selection.name.value.startsWith('__') ? 0 : 1;
          continue;
        }
        const definition =
          parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
        const type = definition?.type;
        const unwrapped = type && isNonNullType(type) ? type.ofType : type;
        // `first` as given, else the variable's default, else the argument's default in the schema.
        const schemaDefault = definition?.args.find((arg) => arg.name === 'first')?.defaultValue;
        const first = firstArgument(selection, variables, defaults) ?? (typeof schemaDefault === 'number' ? schemaDefault : null);
        const inner = walk(selection.selectionSet, type ? getNamedType(type) : null, depth + 1, seen, first !== null);
        const size = first ?? (unwrapped && isListType(unwrapped) && !sized ? defaultListSize : 1);
        cost += 1 + size * inner.cost;
        maxDepth = Math.max(maxDepth, inner.depth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        const inner = walk(selection.selectionSet, narrowed, depth, seen, sized);
        cost += inner.cost;
        maxDepth = Math.max(maxDepth, inner.depth);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || seen.has(name)) {
          continue; // unknown fragments fail validation; cycles are cut here
        }
        const inner = walk(
          fragment.selectionSet,
          schema.getType(fragment.typeCondition.name.value),
          depth,
          new Set([...seen, name]),
          sized,
        );
        cost += inner.cost;
        maxDepth = Math.max(maxDepth, inner.depth);
      }
    }
    return { depth: maxDepth, cost };
  };
  const { depth, cost } = walk(operation.selectionSet, schema.getRootType(operation.operation), 1, new Set());
  return { depth, aliases: totals.aliases, cost };
}

/** Throws QUERY_TOO_COMPLEX when an operation exceeds a limit, naming the limit and the value. */
export function enforceLimits(measure: Measure, limits: QueryLimits): void {
  if (measure.depth > limits.maxDepth) {
    throw tooComplex(`Query depth ${measure.depth} exceeds the maximum of ${limits.maxDepth}`);
  }
  if (measure.aliases > limits.maxAliases) {
    throw tooComplex(`Query uses ${measure.aliases} aliases; the maximum is ${limits.maxAliases}`);
  }
  if (measure.cost > limits.maxCost) {
    throw tooComplex(`Query cost ${measure.cost} exceeds the maximum of ${limits.maxCost}; ask for fewer items or fields`);
  }
}

/** Apollo Server plugin applying the limits once the operation is known (variables included). */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) {
            return;
          }
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) {
              fragments[definition.name.value] = definition;
            }
          }
          enforceLimits(measureOperation(schema, operation, fragments, request.variables ?? {}), limits);
        },
      };
    },
  };
}

/**
 * A token bucket per identity: `perMinute` requests a minute, refilled continuously, bursts up
 * to a tenth of a minute's allowance (at least 10). Buckets idle for ten minutes are dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;

  constructor(private readonly perMinute: number) {
    this.burst = Math.max(10, Math.ceil(perMinute / 10));
  }

  /** Takes one token for `key`; returns the seconds to wait when there is none. */
  take(key: string, now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) {
      for (const [k, b] of this.buckets) {
        if (now - b.at > 600_000) {
          this.buckets.delete(k);
        }
      }
    }
    if (bucket.tokens < 1) {
      return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / rate / 1000) };
    }
    bucket.tokens -= 1;
    return { allowed: true };
  }
}
