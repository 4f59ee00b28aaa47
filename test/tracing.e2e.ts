import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { RunningStack } from '@hub/testkit';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demo, eventually, metric, startTestHub, tokenFor } from './support/hub.ts';
import { people } from './support/publishing.ts';

/**
 * Traces (ADR 0019): the hub started with an OTLP/HTTP endpoint sends its spans to a receiver in
 * this test. A request sent with a `traceparent` of the test's own continues that trace through the
 * gateway and every subgraph it calls; a partner's write continues, later, into its outbox
 * relay's delivery and the alliance's ingestion; each live completion is a trace of its own.
 */

const receiverPort = 6110;

/** One span as the receiver keeps it, from OTLP's JSON encoding (ids in hex). */
interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, unknown>;
}

const received: ReceivedSpan[] = [];
let receiver: Server;
let hub: RunningStack;

/** OTLP's JSON `AnyValue` as a plain value. */
function plain(value: Record<string, unknown>): unknown {
  return value.stringValue ?? value.boolValue ?? (value.intValue === undefined ? value.doubleValue : Number(value.intValue));
}

function attributesOf(list: { key: string; value: Record<string, unknown> }[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map((attribute) => [attribute.key, plain(attribute.value)]));
}

/** Keeps every span of an OTLP JSON export request (`ExportTraceServiceRequest`). */
function keep(body: any): void {
  for (const resourceSpans of body.resourceSpans ?? []) {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        received.push({
          service,
          name: span.name,
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          attributes: attributesOf(span.attributes),
        });
      }
    }
  }
}

/** A W3C trace context of the test's own, as a caller with its own tracing would send it. */
function newTraceparent(): { header: string; traceId: string; spanId: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { header: `00-${traceId}-${spanId}-01`, traceId, spanId };
}

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const spansOf = (traceId: string) => received.filter((span) => span.traceId === traceId);

/**
 * Every span of the trace has its parent in the trace, but the gateway's first, whose parent is
 * the test's: one tree, rooted where the test started it.
 */
function expectOneTree(spans: ReceivedSpan[], rootParent: string): void {
  const ids = new Set(spans.map((span) => span.spanId));
  const roots = spans.filter((span) => !ids.has(span.parentSpanId));
  expect(roots.map((span) => [span.service, span.parentSpanId])).toEqual([['gateway', rootParent]]);
}

/** The trace as an indented tree, `service: span name` a line, for the test's output. */
function drawTree(spans: ReceivedSpan[], parent: string, depth = 0): string[] {
  return spans
    .filter((span) => span.parentSpanId === parent)
    .flatMap((span) => [`${'  '.repeat(depth)}${span.service}: ${span.name}`, ...drawTree(spans, span.spanId, depth + 1)]);
}

/** The services on the way from `span` up to the trace's root. */
function ancestry(spans: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] {
  const byId = new Map(spans.map((each) => [each.spanId, each]));
  const chain: ReceivedSpan[] = [];
  for (let current: ReceivedSpan | undefined = span; current; current = byId.get(current.parentSpanId)) {
    chain.push(current);
  }
  return chain;
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      if (request.url === '/v1/traces' && /json/.test(request.headers['content-type'] ?? '')) {
        keep(JSON.parse(text));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        response.writeHead(415).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(receiverPort, '127.0.0.1', resolve));
  hub = await startTestHub(6100, {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiverPort}`, OTEL_BSP_SCHEDULE_DELAY: '200' },
  });
}, 240_000);

afterAll(async () => {
  await hub?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** A traffic-police draft in the highway alliance, published with `headers` on the publish; returns its id. */
async function publishNew(token: string, title: string, headers: Record<string, string> = {}): Promise<string> {
  const draft = await post(
    `mutation TracedCreate($allianceId: ID!, $input: TrafficPoliceCommitmentInput!) {
      trafficPolice { createCommitment(allianceId: $allianceId, input: $input) { id version } }
    }`,
    {
      allianceId: demo.alliances.highway,
      input: { title, category: 'WORK_LINKAGE', roadSection: 'G15 K1510—K1516', guarantees: ['SAFETY'] },
    },
    { authorization: `Bearer ${token}` },
  );
  const { id, version } = draft.trafficPolice.createCommitment;
  await post(
    `mutation TracedPublish($id: ID!, $version: Int!) { trafficPolice { publishCommitment(id: $id, version: $version) { status } } }`,
    { id, version },
    { authorization: `Bearer ${token}`, ...headers },
  );
  return id;
}

describe('traces over OTLP/HTTP', { timeout: 60_000 }, () => {
  it('follow a joint-list query from the gateway through the alliance and the partner subgraphs, as one tree', async () => {
    const trace = newTraceparent();
    const data = await post(
      `query TracedJointList($id: ID!) {
        alliance(id: $id) { coBuildingList(first: 100) { edges { node { __typename id title ... on EnterpriseCommitment { project } } } } }
      }`,
      { id: demo.alliances.highway },
      { traceparent: trace.header },
    );
    expect(data.alliance.coBuildingList.edges.length).toBeGreaterThan(0);

    // Spans arrive as each process exports them: wait for the three services, the operation and a
    // whole tree (then assert, so a failure says what is missing).
    await eventually(async () => {
      const spans = spansOf(trace.traceId);
      const services = new Set(spans.map((span) => span.service));
      const ids = new Set(spans.map((span) => span.spanId));
      const roots = spans.filter((span) => !ids.has(span.parentSpanId));
      return ['gateway', 'alliance', 'enterprise'].every((name) => services.has(name)) && roots.length === 1;
    }, 20_000).catch(() => undefined);
    const spans = spansOf(trace.traceId);
    expect([...new Set(spans.map((span) => span.service))]).toEqual(expect.arrayContaining(['gateway', 'alliance', 'enterprise']));
    expectOneTree(spans, trace.spanId);
    console.log(`the joint-list query's trace:\n${drawTree(spans, trace.spanId).join('\n')}`);

    const operation = spans.find((span) => span.name === 'query TracedJointList');
    expect(operation).toMatchObject({ service: 'gateway', attributes: { 'graphql.operation.name': 'TracedJointList' } });
    // Each subgraph's server span is the child of a fetch the gateway made inside the operation.
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    for (const service of ['alliance', 'enterprise']) {
      const entered = spans.filter((span) => span.service === service && byId.get(span.parentSpanId)?.service === 'gateway');
      expect(entered.length, `${service} called from the gateway`).toBeGreaterThan(0);
      for (const server of entered) {
        expect(ancestry(spans, server).map((span) => span.spanId)).toContain(operation?.spanId);
      }
    }
  });

  it('carry a partner’s publish on to its relay’s delivery and the alliance’s ingestion', async () => {
    const trace = newTraceparent();
    await publishNew(await tokenFor(people.policeEditor), '追踪联勤联动', { traceparent: trace.header });

    const ingestion = await eventually(
      async () => spansOf(trace.traceId).find((span) => span.name === 'alliance ingestion' && span.service === 'alliance'),
      20_000,
    );
    // The spans above it come from other processes' exports: wait until the chain reaches the test's.
    await eventually(async () => ancestry(spansOf(trace.traceId), ingestion).at(-1)?.parentSpanId === trace.spanId, 10_000).catch(
      () => undefined,
    );
    const chain = ancestry(spansOf(trace.traceId), ingestion);
    console.log(`the publish's trace:\n${drawTree(spansOf(trace.traceId), trace.spanId).join('\n')}`);
    const names = chain.map((span) => `${span.service}: ${span.name}`);
    // ingestion ← the alliance's /ingest server span ← the relay's fetch ← its delivery ← … the publish's request at the partner ← the gateway.
    const delivery = chain.findIndex((span) => span.name === 'outbox delivery');
    expect(delivery, names.join('\n')).toBeGreaterThan(1);
    expect(chain[delivery]).toMatchObject({ service: 'traffic-police', attributes: { 'hub.outbox.events': 1 } });
    expect(chain.slice(delivery + 1).some((span) => span.service === 'traffic-police' && span.name.startsWith('POST'))).toBe(true);
    expect(chain.at(-1)).toMatchObject({ service: 'gateway', parentSpanId: trace.spanId });
    expect(chain.some((span) => span.name === 'mutation TracedPublish')).toBe(true);
    expect(ingestion.attributes).toMatchObject({ 'hub.caller': 'relay:traffic-police', 'hub.ingest.applied': 1 });
    expectOneTree(spansOf(trace.traceId), trace.spanId);
  });
  it('trace each live completion, from the gateway into the subgraphs it asks', async () => {
    const client = createClient({
      url: hub.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${await tokenFor({ role: 'viewer' })}` },
    });
    const events: { cursor: string; commitment: { id: string } | null }[] = [];
    const stop = client.subscribe<{ coBuildingListChanged: (typeof events)[number] }>(
      {
        query: `subscription TracedWatch($allianceId: ID!) {
          coBuildingListChanged(allianceId: $allianceId) { cursor commitment { id ... on TrafficPoliceCommitment { roadSection } } }
        }`,
        variables: { allianceId: demo.alliances.highway },
      },
      { next: (value) => value.data && events.push(value.data.coBuildingListChanged), error: () => undefined, complete: () => undefined },
    );
    try {
      await eventually(
        async () => (await metric(hub.subgraphUrls.alliance, 'hub_ws_subscriptions_active{field="coBuildingListChanged"}')) >= 1,
      );
      const id = await publishNew(await tokenFor(people.policeEditor), '追踪直播巡查');
      const event = await eventually(async () => events.find((each) => each.commitment?.id === id), 20_000);

      const completion = await eventually(
        async () => received.find((span) => span.name === 'live completion' && span.attributes['hub.live.cursor'] === event.cursor),
        20_000,
      );
      expect(completion).toMatchObject({ service: 'gateway', parentSpanId: '', attributes: { 'hub.live.field': 'coBuildingListChanged' } });
      // The completion asks the alliance for the event and the traffic-police subgraph for its fields.
      await eventually(async () => {
        const services = new Set(spansOf(completion.traceId).map((span) => span.service));
        return services.has('alliance') && services.has('traffic-police');
      }, 10_000).catch(() => undefined);
      const spans = spansOf(completion.traceId);
      console.log(`a live completion's trace:\n${drawTree(spans, '').join('\n')}`);
      for (const service of ['alliance', 'traffic-police']) {
        const server = spans.find((span) => span.service === service);
        expect(server, `${service} in the completion's trace`).toBeDefined();
        expect(ancestry(spans, server as ReceivedSpan).at(-1)?.spanId).toBe(completion.spanId);
      }
    } finally {
      stop();
      await client.dispose();
    }
  });
});
