import type { ApolloServerPlugin } from '@apollo/server';
import {
  BoundedLabel,
  Counter,
  durationBuckets,
  Gauge,
  Histogram,
  otherLabel,
  type ReadinessChecks,
  type Registry,
  sampledCounter,
} from '@hub/http/metrics';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { executeInBackground, type Orm } from './orm.ts';

/** Distinct root fields a subgraph labels apart; its schema has fewer, so this only stops a surprise. */
const fieldCapacity = 300;

/** The root field an operation selects first, or null. */
export function firstRootField(operation: OperationDefinitionNode | undefined): string | null {
  const first = operation?.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : null;
}

/**
 * A subgraph's request metrics: GraphQL requests over HTTP by operation type and root field
 * (the gateway names its subgraph operations after the client's, so those names are not
 * bounded; the schema's fields are), errors by code, and WebSocket subscriptions by root field.
 */
export function createSubgraphMetrics(registry: Registry) {
  const fields = new BoundedLabel(fieldCapacity);
  const codes = new BoundedLabel(100);
  const duration = new Histogram({
    name: 'hub_subgraph_request_duration_seconds',
    help: 'GraphQL requests over HTTP, from receipt to the response, by operation type and first root field',
    labelNames: ['type', 'field'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'hub_subgraph_errors_total',
    help: 'Errors answered (GraphQL and HTTP), by code',
    labelNames: ['code'],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'hub_graphql_requests_total',
    help: 'GraphQL calls received over HTTP POST',
    registers: [registry],
  });
  const subscriptions = new Counter({
    name: 'hub_ws_subscriptions_total',
    help: 'Subscriptions opened over WebSocket',
    registers: [registry],
  });
  const activeSubscriptions = new Gauge({
    name: 'hub_ws_subscriptions_active',
    help: 'Subscriptions open over WebSocket, by root field',
    labelNames: ['field'],
    registers: [registry],
  });

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const end = duration.startTimer();
      return {
        async willSendResponse({ operation }) {
          const field = firstRootField(operation ?? undefined);
          end({ type: operation?.operation ?? 'unknown', field: field === null ? otherLabel : fields.of(field) });
        },
      };
    },
  };

  return {
    /** Times every GraphQL request Apollo Server runs. */
    plugin,
    countRequest: () => requests.inc(),
    countError: (code: string) => errors.inc({ code: codes.of(code) }),
    subscriptionOpened(field: string) {
      subscriptions.inc();
      activeSubscriptions.inc({ field: fields.of(field) });
    },
    subscriptionClosed(field: string) {
      activeSubscriptions.dec({ field: fields.of(field) });
    },
  };
}

export type SubgraphMetrics = ReturnType<typeof createSubgraphMetrics>;

/** The ORM's SQL statement counters (requests' and background work's apart). */
export function registerOrmMetrics(registry: Registry, { statements }: Orm): void {
  sampledCounter(registry, 'hub_sql_statements_total', 'SQL statements sent for requests', () => statements.total);
  sampledCounter(registry, 'hub_sql_background_statements_total', 'SQL statements sent by background work', () => statements.background);
}

/** Readiness of a service whose only dependency is its database: it answers `select 1`. */
export function databaseReadiness({ orm }: Orm): ReadinessChecks {
  return { database: () => executeInBackground(orm.em.fork(), 'select 1') };
}
