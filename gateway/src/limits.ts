import { ErrorCode } from '@hub/contracts';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getVariableValues,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValueNode,
  validate,
  valueFromASTUntyped,
  visit,
} from 'graphql';

export interface QueryLimits {
  /** Lexical tokens of the query text; parsing stops beyond. */
  readonly maxTokens: number;
  /** Fragment definitions in one document. */
  readonly maxFragments: number;
  /** Field selections, repeated ones included: as written, and as the operation expands its fragments. */
  readonly maxFields: number;
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
}

/** What a client sends: `query`, `operationName` and `variables` (shapes unchecked). */
export interface GraphQLParams {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
}

export type Admission =
  | { readonly document: DocumentNode; readonly operation: OperationDefinitionNode }
  | { readonly errors: readonly GraphQLError[] };

/** Items a list field is assumed to return when it has no `first` argument. */
const defaultListSize = 10;

function refusal(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/** A count for a message: exact while it is, else a bound (fragment fan-out reaches 1e300 and Infinity). */
function shown(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : `more than ${Number.MAX_SAFE_INTEGER}`;
}

interface Measure {
  depth: number;
  aliases: number;
  fields: number;
  cost: number;
}

const nothing: Measure = { depth: 0, aliases: 0, fields: 0, cost: 0 };

/**
 * Measures an operation in time linear in the document's size: nesting depth, aliases, field
 * selections and an estimated cost (1 per field, multiplied by `first` — or 10 — for fields of
 * list type), all as the operation expands its fragments. Each fragment is measured once (per
 * `sized` state) and its measure reused wherever it is spread, so fragments spreading fragments
 * cannot make this exponential; the totals themselves may grow so, and are refused by the
 * limits. Throws GRAPHQL_VALIDATION_FAILED for a fragment cycle and BAD_USER_INPUT for a
 * negative `first`.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Measure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  // A variable the request leaves out takes its declared default (`$n: Int = 1000`).
  const defaults = Object.fromEntries(
    (operation.variableDefinitions ?? [])
      .filter((d) => d.defaultValue)
      .map((d) => [d.variable.name.value, valueFromASTUntyped(d.defaultValue as ValueNode)]),
  );
  const measured = new Map<string, Measure>();
  const measuring = new Set<string>();

  /** `first` as given, else the variable's default, else the argument's default in the schema. */
  const firstOf = (field: FieldNode, schemaDefault: unknown): number | null => {
    const value = field.arguments?.find((a) => a.name.value === 'first')?.value;
    const given =
      value?.kind === Kind.INT
        ? Number(value.value)
        : value?.kind === Kind.VARIABLE
          ? (variables[value.name.value] ?? defaults[value.name.value])
          : null;
    const first = typeof given === 'number' ? given : schemaDefault;
    if (typeof first !== 'number') {
      return null;
    }
    if (first < 0) {
      throw refusal(ErrorCode.BAD_USER_INPUT, `first must not be negative (got ${first})`);
    }
    return Math.max(first, 1); // a page of none still costs what one item does, so it cannot discount the rest
  };

  // `sized`: the enclosing field had `first`, which already counts the items of a connection's
  // `edges`/`nodes` list inside it.
  const field = (selection: FieldNode, parent: GraphQLNamedType | null | undefined, sized: boolean): Measure => {
    const aliases = selection.alias ? 1 : 0;
    if (!selection.selectionSet) {
      return { depth: 1, aliases, fields: 1, cost: selection.name.value.startsWith('__') ? 0 : 1 };
    }
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
    const type = definition?.type;
    const unwrapped = type && isNonNullType(type) ? type.ofType : type;
    const first = firstOf(selection, definition?.args.find((arg) => arg.name === 'first')?.defaultValue);
    const inner = walk(selection.selectionSet, type ? getNamedType(type) : null, first !== null);
    const size = first ?? (unwrapped && isListType(unwrapped) && !sized ? defaultListSize : 1);
    return { depth: 1 + inner.depth, aliases: aliases + inner.aliases, fields: 1 + inner.fields, cost: 1 + size * inner.cost };
  };

  const fragment = (name: string, sized: boolean): Measure => {
    const definition = fragments.get(name);
    if (!definition) {
      return nothing; // an unknown fragment fails validation
    }
    const key = `${name}:${sized}`;
    const known = measured.get(key);
    if (known) {
      return known;
    }
    if (measuring.has(name)) {
      throw refusal(ErrorCode.GRAPHQL_VALIDATION_FAILED, `Cannot spread fragment "${name}" within itself`);
    }
    measuring.add(name);
    const result = walk(definition.selectionSet, schema.getType(definition.typeCondition.name.value), sized);
    measuring.delete(name);
    measured.set(key, result);
    return result;
  };

  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined, sized: boolean): Measure => {
    const total = { ...nothing };
    for (const selection of set.selections) {
      const part =
        selection.kind === Kind.FIELD
          ? field(selection, parent, sized)
          : selection.kind === Kind.INLINE_FRAGMENT
            ? walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent, sized)
            : fragment(selection.name.value, sized);
      total.depth = Math.max(total.depth, part.depth);
      total.aliases += part.aliases;
      total.fields += part.fields;
      total.cost += part.cost;
    }
    return total;
  };

  return walk(operation.selectionSet, schema.getRootType(operation.operation), false);
}

/** Throws QUERY_TOO_COMPLEX when an operation exceeds a limit, naming the limit and the value. */
function enforceLimits(measure: Measure, limits: QueryLimits): void {
  if (measure.fields > limits.maxFields) {
    throw refusal(ErrorCode.QUERY_TOO_COMPLEX, `Query selects ${shown(measure.fields)} fields; the maximum is ${limits.maxFields}`);
  }
  if (measure.depth > limits.maxDepth) {
    throw refusal(ErrorCode.QUERY_TOO_COMPLEX, `Query depth ${measure.depth} exceeds the maximum of ${limits.maxDepth}`);
  }
  if (measure.aliases > limits.maxAliases) {
    throw refusal(ErrorCode.QUERY_TOO_COMPLEX, `Query uses ${shown(measure.aliases)} aliases; the maximum is ${limits.maxAliases}`);
  }
  if (measure.cost > limits.maxCost) {
    throw refusal(
      ErrorCode.QUERY_TOO_COMPLEX,
      `Query cost ${shown(measure.cost)} exceeds the maximum of ${limits.maxCost}; ask for fewer items or fields`,
    );
  }
}

/** The operation to run: the one `operationName` names, or the document's only one. */
function chooseOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName !== undefined) {
    const named = operations.find((operation) => operation.name?.value === operationName);
    if (!named) {
      throw refusal(ErrorCode.BAD_USER_INPUT, `The document has no operation named ${JSON.stringify(operationName)}`);
    }
    return named;
  }
  if (operations.length !== 1) {
    throw refusal(
      ErrorCode.BAD_USER_INPUT,
      operations.length === 0
        ? 'The document has no operation to run'
        : `The document has ${operations.length} operations; name the one to run in operationName`,
    );
  }
  return operations[0] as OperationDefinitionNode;
}

/** A document as parsed, with its fields and fragment definitions as written. */
interface ParsedDocument {
  readonly document: DocumentNode;
  readonly written: number;
  readonly fragments: number;
}

/** Documents parsed lately, by token limit and text: clients repeat the same few operations. */
const parsedDocuments = new Map<string, ParsedDocument>();
const maxParsedDocuments = 500;

/**
 * Parses a document with a token limit and counts what validation would compare pairwise (the
 * document as written: unused fragments and other operations included), once per text.
 */
function parsedDocument(query: string, maxTokens: number): ParsedDocument {
  const key = `${maxTokens}\n${query}`;
  const known = parsedDocuments.get(key);
  if (known) {
    return known;
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch (error) {
    throw refusal(ErrorCode.GRAPHQL_PARSE_FAILED, (error as GraphQLError).message);
  }
  let written = 0;
  let fragments = 0;
  visit(document, {
    Field() {
      written += 1;
    },
    FragmentDefinition() {
      fragments += 1;
    },
  });
  if (parsedDocuments.size >= maxParsedDocuments) {
    parsedDocuments.delete(parsedDocuments.keys().next().value as string);
  }
  const parsed = { document, written, fragments };
  parsedDocuments.set(key, parsed);
  return parsed;
}

function admit(schema: GraphQLSchema, params: GraphQLParams, limits: QueryLimits, transport: 'http' | 'websocket'): Admission {
  const { query, operationName, variables } = params;
  if (typeof query !== 'string' || query.trim() === '') {
    throw refusal(ErrorCode.BAD_REQUEST, 'Send the operation as text in `query`');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw refusal(ErrorCode.BAD_REQUEST, '`operationName` must be a string');
  }
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    throw refusal(ErrorCode.BAD_REQUEST, '`variables` must be an object');
  }
  const { document, written, fragments } = parsedDocument(query, limits.maxTokens);
  if (fragments > limits.maxFragments) {
    throw refusal(ErrorCode.QUERY_TOO_COMPLEX, `Query defines ${fragments} fragments; the maximum is ${limits.maxFragments}`);
  }
  if (written > limits.maxFields) {
    throw refusal(ErrorCode.QUERY_TOO_COMPLEX, `Query selects ${written} fields; the maximum is ${limits.maxFields}`);
  }
  const operation = chooseOperation(document, operationName ?? undefined);
  if (transport === 'http' && operation.operation === 'subscription') {
    throw refusal(ErrorCode.BAD_REQUEST, 'Subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP');
  }
  const values = (variables ?? {}) as Record<string, unknown>;
  enforceLimits(measureOperation(schema, document, operation, values), limits);
  if (transport === 'websocket') {
    // Over HTTP, Apollo Server validates (and caches) right after; the live layer runs
    // operations itself, so it validates here, with the codes HTTP answers would carry.
    const invalid = validate(schema, document);
    if (invalid.length > 0) {
      return { errors: invalid.map((error) => recoded(error, ErrorCode.GRAPHQL_VALIDATION_FAILED)) };
    }
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], values, { maxErrors: 10 });
    if (coerced.errors) {
      return { errors: coerced.errors.map((error) => recoded(error, ErrorCode.BAD_USER_INPUT)) };
    }
  }
  return { document, operation };
}

function recoded(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code } });
}

/**
 * Admits one operation, or refuses it with coded errors, doing nothing that grows faster than
 * the request: parse with a token limit; count fragments and fields as written; choose the
 * operation (a subscription only over WebSocket); measure it in linear time and apply the
 * limits (fields, depth, aliases, cost); only then, over WebSocket, validate and coerce the
 * variables. HTTP and the live layer both call this before any other work on the operation.
 */
export function admitOperation(
  schema: GraphQLSchema,
  params: GraphQLParams,
  limits: QueryLimits,
  transport: 'http' | 'websocket',
): Admission {
  try {
    return admit(schema, params, limits, transport);
  } catch (error) {
    if (error instanceof GraphQLError) {
      return { errors: [error] };
    }
    throw error;
  }
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
