import type { ServerResponse } from 'node:http';
import {
  BoundedLabel,
  Counter,
  createRegistry,
  durationBuckets,
  Histogram,
  type Registry,
  sampledCounter,
  sampledGauge,
} from '@hub/http/metrics';
import type { LiveServer } from './live/live-server.ts';
import type { ResponseSharing } from './sharing/response-sharing.ts';

/**
 * Operation names the gateway labels apart. Clients choose them, so past this many the rest
 * share `(other)`: a histogram's series per name would otherwise grow with every new name sent.
 */
export const operationCapacity = 100;
/** Error codes labelled apart (the hub's own are a few dozen; subgraph errors pass theirs through). */
const codeCapacity = 100;
/** The label of a request whose operation was not found: not parsed, refused before admission, not GraphQL. */
export const unknownOperation = '(unknown)';

/**
 * The gateway's metrics in one registry: prom-client's process metrics, client request and
 * subgraph fetch durations, errors by code, and the live layer's and the response sharing's
 * counters, read at each scrape.
 */
export function createGatewayMetrics(sources: { live: () => LiveServer | null; sharing: ResponseSharing }) {
  const registry = createRegistry();
  const operations = new BoundedLabel(operationCapacity);
  const codes = new BoundedLabel(codeCapacity);
  const requestDuration = new Histogram({
    name: 'hub_gateway_request_duration_seconds',
    help: 'GraphQL requests over HTTP, from receipt to the last byte sent, by operation name',
    labelNames: ['operation'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const subgraphFetchDuration = new Histogram({
    name: 'hub_gateway_subgraph_fetch_duration_seconds',
    help: 'Calls to a subgraph while executing a query plan, retries included, by subgraph',
    labelNames: ['subgraph'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'hub_gateway_errors_total',
    help: 'Errors answered to clients (GraphQL errors and refused HTTP requests), by code',
    labelNames: ['code'],
    registers: [registry],
  });
  registerLiveMetrics(registry, sources.live);
  registerSharingMetrics(registry, sources.sharing);

  return {
    registry,
    /**
     * Starts timing one client request; the returned function names its operation once known
     * (a name the request did not give stays `(unknown)`). Observed when the response closes.
     */
    timeRequest(response: ServerResponse): (operationName: string | null | undefined) => void {
      const end = requestDuration.startTimer();
      let operation = unknownOperation;
      response.once('close', () => end({ operation }));
      return (name) => {
        operation = operations.of(name);
      };
    },
    /** Times one subgraph fetch. */
    timeSubgraphFetch: (subgraph: string) => subgraphFetchDuration.startTimer({ subgraph }),
    countError: (code: string | undefined) => errors.inc({ code: codes.of(code ?? 'UNKNOWN') }),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

/** The live layer's counters (their names are older than this registry; tests and benchmarks read them). */
function registerLiveMetrics(registry: Registry, live: () => LiveServer | null): void {
  const counters = () => live()?.counters;
  sampledCounter(
    registry,
    'hub_live_upstream_subscriptions_total',
    'Subscriptions opened to subgraphs',
    () => counters()?.upstreamSubscriptions ?? 0,
  );
  sampledCounter(registry, 'hub_live_completions_total', 'Live results completed through the planner', () => counters()?.completions ?? 0);
  sampledCounter(registry, 'hub_live_completion_retries_total', 'Completions tried again', () => counters()?.completionRetries ?? 0);
  sampledCounter(registry, 'hub_live_deliveries_total', 'Live results sent to clients', () => counters()?.deliveries ?? 0);
  sampledGauge(
    registry,
    'hub_live_groups',
    'Upstream subscriptions shared by identical client subscriptions',
    () => counters()?.groups() ?? 0,
  );
  sampledGauge(registry, 'hub_live_clients', 'Client subscriptions open over WebSocket', () => counters()?.clients() ?? 0);
}

/** Response sharing and the kept answers. */
function registerSharingMetrics(registry: Registry, sharing: ResponseSharing): void {
  new Counter({
    name: 'hub_shared_answers_total',
    help: 'Shareable reads by outcome: answered from kept answers, joined one in flight, executed',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'hit' }, sharing.counters.hits);
      this.inc({ outcome: 'joined' }, sharing.counters.joined);
      this.inc({ outcome: 'executed' }, sharing.counters.executed);
    },
  });
  sampledCounter(registry, 'hub_response_cache_kept_total', 'Answers kept for later reads', () => sharing.counters.kept);
  sampledCounter(
    registry,
    'hub_response_cache_dropped_total',
    'Kept answers dropped by events, age or size',
    () => sharing.counters.dropped,
  );
  sampledGauge(registry, 'hub_response_cache_answers', 'Answers kept now', () => sharing.keptAnswers);
  sampledGauge(registry, 'hub_response_cache_bytes', 'Bytes of the answers kept now', () => sharing.keptBytes);
}
