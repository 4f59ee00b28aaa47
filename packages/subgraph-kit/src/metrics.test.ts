import { createRegistry } from '@hub/http/metrics';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSubgraphMetrics, firstRootField } from './metrics.ts';

const operationOf = (query: string) =>
  parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);

describe('firstRootField', () => {
  it('names the first field an operation selects, and nothing for a fragment spread first or no operation', () => {
    expect(firstRootField(operationOf('query Named { alliances { id } commitment(id: "1") { id } }'))).toBe('alliances');
    expect(firstRootField(operationOf('{ _entities(representations: []) { __typename } }'))).toBe('_entities');
    expect(firstRootField(operationOf('query { ...F } fragment F on Query { alliances { id } }'))).toBeNull();
    expect(firstRootField(undefined)).toBeNull();
  });
});

describe('createSubgraphMetrics', () => {
  it('counts open subscriptions by field back to 0, and errors by code', async () => {
    const registry = createRegistry();
    const metrics = createSubgraphMetrics(registry);
    metrics.subscriptionOpened('coBuildingListChanged');
    metrics.subscriptionOpened('coBuildingListChanged');
    metrics.subscriptionClosed('coBuildingListChanged');
    metrics.countError('BAD_USER_INPUT');
    let text = await registry.metrics();
    expect(text).toContain('hub_ws_subscriptions_active{field="coBuildingListChanged"} 1');
    expect(text).toContain('hub_ws_subscriptions_total 2');
    expect(text).toContain('hub_subgraph_errors_total{code="BAD_USER_INPUT"} 1');
    metrics.subscriptionClosed('coBuildingListChanged');
    text = await registry.metrics();
    expect(text).toContain('hub_ws_subscriptions_active{field="coBuildingListChanged"} 0');
  });
});
