import { inSpan, SpanKind } from '@hub/http/tracing';
import type { OperationDefinitionNode } from 'graphql';

/**
 * Runs a GraphQL operation inside a span named by its type and name (`query JointList`), so its
 * subgraph fetches are its children in the trace. The name is the client's: a trace backend
 * keeps what it is sent, and the metrics' cap on names (ADR 0017) is for series, not spans.
 */
export function traceOperation<T>(operation: OperationDefinitionNode | undefined, work: () => Promise<T>): Promise<T> {
  const type = operation?.operation ?? 'unknown';
  const name = operation?.name?.value;
  const attributes = { 'graphql.operation.type': type, ...(name ? { 'graphql.operation.name': name } : {}) };
  return inSpan(name ? `${type} ${name}` : type, { attributes, kind: SpanKind.SERVER }, work);
}
