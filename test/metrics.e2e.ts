import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gql, startTestHub } from './support/hub.ts';
import { type Sample, sampleValue, scrape } from './support/prometheus.ts';
import { type Caller, CommitmentDesk, dayFromToday, foundAlliance, ok, people, signIn, untilRelayed } from './support/publishing.ts';

/**
 * Metrics and health on every process (docs/adr/0017-prom-client-metrics.md): the gateway's
 * and the subgraphs' histograms count operations by name, the relay's backlog shows while the
 * alliance is away and drops to 0 once delivered, the alliance counts what it ingested, the
 * gateway's readiness follows its subgraphs', and operation names cannot grow the label set.
 * Ports 5650 (gateway), 5651–5655 (subgraphs), 15650 (embedded PostgreSQL).
 */

let hub: RunningStack;
let coordinator: Caller;
let police: CommitmentDesk;

beforeAll(async () => {
  hub = await startTestHub(5650, { env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000', HUB_REMINDER_SWEEP_MS: '0' } });
  coordinator = await signIn(hub.gatewayUrl, people.coordinator);
  police = new CommitmentDesk(await signIn(hub.gatewayUrl, people.policeEditor), 'TRAFFIC_POLICE');
  await untilRelayed(hub);
});

afterAll(async () => {
  await hub?.stop();
});

/** Every process's GraphQL URL, the gateway's first. */
const processes = () => ({ gateway: hub.gatewayUrl, ...hub.subgraphUrls });

const health = async (graphqlUrl: string, path: '/health' | '/health/live' | '/health/ready') => {
  const response = await fetch(new URL(path, graphqlUrl));
  return { status: response.status, body: (await response.json()) as { status: string; notReady?: string[] } };
};

const requestCount = (samples: Sample[], operation: string) =>
  sampleValue(samples, 'hub_gateway_request_duration_seconds_count', { operation }) ?? 0;

describe('/metrics on every process', () => {
  it('serves Prometheus text with the process metrics, and live and ready health, on the gateway and each subgraph', async () => {
    for (const [name, url] of Object.entries(processes())) {
      const samples = await scrape(url);
      expect(sampleValue(samples, 'process_cpu_user_seconds_total'), name).toBeGreaterThan(0);
      expect(sampleValue(samples, 'nodejs_heap_size_used_bytes'), name).toBeGreaterThan(0);
      expect((await health(url, '/health/live')).status, name).toBe(200);
      expect((await health(url, '/health')).status, name).toBe(200);
      expect(await health(url, '/health/ready'), name).toEqual({ status: 200, body: { status: 'ready' } });
    }
  });

  it('counts client operations by name, subgraph fetches by subgraph and errors by code', async () => {
    const before = await scrape(hub.gatewayUrl);
    const allianceBefore = await scrape(hub.subgraphUrls.alliance);
    for (let i = 0; i < 3; i++) {
      expect((await coordinator.request('query MetricsAlliances { alliances { id name } }')).errors).toBeUndefined();
    }
    expect((await coordinator.request('{ alliances { id } }')).errors).toBeUndefined();
    const refused = await coordinator.request('query MetricsBroken { noSuchField }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const after = await scrape(hub.gatewayUrl);
    expect(requestCount(after, 'MetricsAlliances') - requestCount(before, 'MetricsAlliances')).toBe(3);
    expect(requestCount(after, '(anonymous)') - requestCount(before, '(anonymous)')).toBeGreaterThanOrEqual(1);
    expect(requestCount(after, 'MetricsBroken')).toBe(1);
    const fetches = (samples: Sample[]) =>
      sampleValue(samples, 'hub_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'alliance' }) ?? 0;
    expect(fetches(after) - fetches(before)).toBeGreaterThanOrEqual(4);
    const validationErrors = (samples: Sample[]) =>
      sampleValue(samples, 'hub_gateway_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' }) ?? 0;
    expect(validationErrors(after) - validationErrors(before)).toBe(1);
    // The buckets are cumulative: +Inf holds every observation.
    expect(sampleValue(after, 'hub_gateway_request_duration_seconds_bucket', { operation: 'MetricsAlliances', le: '+Inf' })).toBe(
      requestCount(after, 'MetricsAlliances'),
    );

    // The alliance subgraph timed the same reads by their root field.
    const allianceAfter = await scrape(hub.subgraphUrls.alliance);
    const reads = (samples: Sample[]) =>
      sampleValue(samples, 'hub_subgraph_request_duration_seconds_count', { type: 'query', field: 'alliances' }) ?? 0;
    expect(reads(allianceAfter) - reads(allianceBefore)).toBe(4);
    expect(sampleValue(allianceAfter, 'hub_graphql_requests_total')).toBeGreaterThanOrEqual(4);
  });
});

describe('a publish while the alliance is away', () => {
  it('shows in the relay backlog and the gateway readiness, and both clear when the alliance returns', async () => {
    const alliance = await foundAlliance(coordinator, '指标联盟', ['trafficPolice']);
    const draft = ok(await police.create(alliance, { title: '指标测试事项', category: 'WORK_LINKAGE', dueDate: dayFromToday(30) }));
    await untilRelayed(hub);
    const partner = hub.subgraphUrls['traffic-police'] as string;
    const partnerBefore = await scrape(partner);
    expect(sampleValue(partnerBefore, 'hub_outbox_pending_events')).toBe(0);
    expect(sampleValue(partnerBefore, 'hub_outbox_relay_lag_seconds')).toBe(0);
    const ingestBefore = await scrape(hub.subgraphUrls.alliance);

    await hub.stopService('alliance');
    try {
      expect(await health(hub.gatewayUrl, '/health/ready')).toEqual({ status: 503, body: { status: 'not ready', notReady: ['alliance'] } });
      expect((await health(hub.gatewayUrl, '/health/live')).status).toBe(200);
      ok(await police.publish(draft.id, draft.version));
      const waiting = await scrape(partner);
      expect(sampleValue(waiting, 'hub_outbox_pending_events')).toBeGreaterThanOrEqual(1);
      expect(sampleValue(waiting, 'hub_outbox_relay_lag_seconds')).toBeGreaterThan(0);
    } finally {
      await hub.startService('alliance');
    }

    const delivered = await eventually(async () => {
      const samples = await scrape(partner);
      return sampleValue(samples, 'hub_outbox_pending_events') === 0 ? samples : null;
    }, 20_000);
    expect(sampleValue(delivered, 'hub_outbox_relay_lag_seconds')).toBe(0);
    expect(sampleValue(delivered, 'hub_outbox_delivered_total')).toBeGreaterThan(
      sampleValue(partnerBefore, 'hub_outbox_delivered_total') ?? 0,
    );
    expect(sampleValue(delivered, 'hub_outbox_failed_attempts_total')).toBeGreaterThan(0);
    // The restarted alliance counts from 0: the publish is among what it applied since.
    const ingested = await scrape(hub.subgraphUrls.alliance);
    expect(sampleValue(ingested, 'hub_ingest_applied_total')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(ingested, 'hub_event_stream_position')).toBeGreaterThan(sampleValue(ingestBefore, 'hub_event_stream_position') ?? 0);
    expect(sampleValue(ingested, 'hub_event_listener_connected')).toBe(1);
    await eventually(async () => (await health(hub.gatewayUrl, '/health/ready')).status === 200, 10_000);
  });
});

describe('operation names chosen by clients', () => {
  it('4,000 distinct names do not make 4,000 label values: past the cap they share (other)', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `Flood${i}`);
    const token = coordinator.token;
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < names.length) {
          const name = names[next++] as string;
          const answer = await gql(hub.gatewayUrl, `query ${name} { __typename }`, {}, token);
          expect(answer.status).toBe(200);
        }
      }),
    );
    await coordinator.request('query MetricsAlliances { alliances { id } }');

    const samples = await scrape(hub.gatewayUrl);
    const operations = new Set(
      samples.filter((sample) => sample.name === 'hub_gateway_request_duration_seconds_count').map((sample) => sample.labels.operation),
    );
    expect(operations.size).toBeLessThanOrEqual(102);
    expect(requestCount(samples, '(other)')).toBeGreaterThanOrEqual(3900);
    // A name seen before the cap keeps its own series.
    expect(requestCount(samples, 'MetricsAlliances')).toBe(4);
    const series = samples.filter((sample) => sample.name.startsWith('hub_gateway_request_duration_seconds')).length;
    expect(series).toBeLessThanOrEqual(102 * 14);
  });
});
