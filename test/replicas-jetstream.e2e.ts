import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { identityHeader, openKeyRing, signInternalIdentity } from '@hub/contracts';
import { connectNats, createEventPublisher, type NatsConnection } from '@hub/event-stream';
import { type RunningStack, repoRoot, type ServiceProcess, startServiceProcess } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, metric, startTestHub, tokenFor } from './support/hub.ts';
import { deleteStream, natsUrl, testStreamName, untilIngested } from './support/jetstream.ts';
import {
  currentCursor,
  type Delivery,
  deliveryOf,
  deliveryProblems,
  deliveryTotals,
  gqlWithTimeout,
  type LiveSubscriber,
  listCursorsAfter,
  openSubscribers,
  Publisher,
  type PublishSource,
  untilDelivered,
} from './support/live-client.ts';
import { type Caller, people, sql, untilRelayed } from './support/publishing.ts';
import { startGatewayReplica } from './support/replicas.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

/**
 * Past one machine (ADR 0021): partner events travel over NATS JetStream (the machine's server at
 * 127.0.0.1:4222), two alliance replicas share its durable consumer, and two gateways serve
 * dashboards. A round-robin TCP proxy stands where a Kubernetes Service would, in front of both
 * alliance replicas: the gateways and the partners reach "the alliance" through it. While
 * editors publish through both gateways, the replica consuming the stream is killed (SIGKILL);
 * every dashboard on either gateway must still get every change of the joint list exactly once,
 * in order.
 */

const port = 6200;
const replicaPorts = [6211, 6212] as const;
const secondGatewayPort = 6220;
const keysDirectoryPort = 6230;
const stream = testStreamName('REPLICAS');
const jetStreamEnv = { HUB_EVENT_TRANSPORT: 'jetstream', HUB_NATS_URL: natsUrl, HUB_NATS_STREAM: stream };
const allianceId = demo.alliances.highway;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let hub: RunningStack;
let nats: NatsConnection;
let proxy: TcpProxy | null = null;
let keysDirectory: HttpServer;
const replicas = new Map<number, ServiceProcess>();
let secondGateway: ServiceProcess | null = null;
const subscribers: LiveSubscriber[] = [];

/**
 * Where the alliance replicas find each kind's published keys (`HUB_KIND_KEYS_URL_TEMPLATE`
 * with `{name}`): the replicas run on ports of their own, so the development template's
 * `{port}` would point beside the kinds' subgraphs; this passes each kind's JWKS through.
 */
function startKeysDirectory(stack: RunningStack): Promise<HttpServer> {
  const server = createHttpServer(async (request, response) => {
    const name = (request.url ?? '').replace(/^\//, '');
    const url = stack.subgraphUrls[name];
    if (!url || name === 'alliance') {
      response.writeHead(404).end();
      return;
    }
    try {
      const keys = await fetch(url.replace(/\/graphql$/, '/.well-known/jwks.json'));
      response.writeHead(keys.status, { 'content-type': 'application/json' }).end(await keys.text());
    } catch {
      response.writeHead(502).end();
    }
  });
  return new Promise((resolve) => server.listen(keysDirectoryPort, '127.0.0.1', () => resolve(server)));
}

function startAllianceReplica(replicaPort: number): Promise<ServiceProcess> {
  return startServiceProcess({
    name: `alliance-${replicaPort}`,
    entry: 'services/alliance/src/index.ts',
    cwd: repoRoot,
    port: replicaPort,
    env: {
      ...jetStreamEnv,
      PORT: String(replicaPort),
      DATABASE_URL: hub.databaseUrls.alliance,
      HUB_GATEWAY_KEYS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      HUB_KIND_KEYS_URL_TEMPLATE: `http://127.0.0.1:${keysDirectoryPort}/{name}`,
      NODE_ENV: 'development',
      HUB_SEED: '',
    },
    log: process.env.HUB_TEST_LOG ? (line) => console.log(line) : () => {},
  });
}

/** A caller through a gateway at `graphqlUrl` whose requests time out instead of hanging. */
function callerAt(graphqlUrl: string, token: string): Caller {
  return { label: 'editor', token, request: (query, variables = {}) => gqlWithTimeout(graphqlUrl, query, variables, token) };
}

/** The replica consuming the stream now (the holder of the consumer lock). */
async function leadingReplica(): Promise<number> {
  return eventually(async () => {
    for (const replicaPort of replicas.keys()) {
      if ((await metric(`http://127.0.0.1:${replicaPort}/graphql`, 'hub_event_consumer_leading').catch(() => 0)) === 1) {
        return replicaPort;
      }
    }
    return null;
  }, 30_000);
}

beforeAll(async () => {
  nats = await connectNats(natsUrl, 'replicas-jetstream test');
  hub = await startTestHub(port, { env: jetStreamEnv });
  // The seed went through JetStream: wait until the alliance has ingested all of it.
  await untilRelayed(hub, 60_000);
  await untilIngested(nats, stream);
  // The stack's one alliance gives way to two replicas behind a proxy on its port.
  await hub.stopService('alliance');
  keysDirectory = await startKeysDirectory(hub);
  for (const replicaPort of replicaPorts) {
    replicas.set(replicaPort, await startAllianceReplica(replicaPort));
  }
  proxy = new TcpProxy(port + 1, replicaPorts);
  await proxy.restore();
  secondGateway = await startGatewayReplica(hub, secondGatewayPort);
}, 240_000);

afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await secondGateway?.stop();
  await Promise.all([...replicas.values()].map((replica) => replica.stop()));
  await hub?.stop();
  await proxy?.cut();
  keysDirectory?.close();
  if (nats) {
    await deleteStream(nats, stream);
    await nats.close();
  }
});

describe('two gateways and two alliance replicas on JetStream', () => {
  it('delivers every change to dashboards on both gateways exactly once, in order, with the consuming replica killed', async () => {
    const gatewayUrls = [hub.gatewayUrl, `http://127.0.0.1:${secondGatewayPort}/graphql`];
    const viewerToken = await tokenFor(people.viewer);
    const start = await currentCursor(hub, allianceId, viewerToken);
    const dashboards = gatewayUrls.map((url, i) =>
      openSubscribers(10, { url, token: viewerToken, allianceId, after: start.cursor, prefix: `gateway-${i + 1}` }),
    );
    subscribers.push(...dashboards.flat());
    for (const url of gatewayUrls) {
      await eventually(async () => (await metric(url, 'hub_live_clients').catch(() => 0)) >= 10, 15_000, 100);
    }

    // Editors of three kinds, each writing through both gateways.
    const editors: PublishSource[] = [];
    for (const url of gatewayUrls) {
      editors.push(
        { caller: callerAt(url, await tokenFor(people.policeEditor)), kind: 'TRAFFIC_POLICE' },
        { caller: callerAt(url, await tokenFor(people.wideningEditor)), kind: 'ENTERPRISE' },
        { caller: callerAt(url, await tokenFor(people.ninghaiEditor)), kind: 'TOWN_VILLAGE' },
      );
    }
    const publisher = new Publisher(allianceId, '双副本');
    publisher.start(editors, 20);
    await sleep(2000);
    const beforeKill = (await listCursorsAfter(hub, allianceId, start.cursor)).length;
    // Killed just after a write is acknowledged, while its event is on its way.
    const leader = await leadingReplica();
    await publisher.nextAcknowledgement();
    await replicas.get(leader)?.kill();
    replicas.delete(leader);
    await sleep(4000);
    await publisher.stop();
    await untilRelayed(hub, 30_000);
    await untilIngested(nats, stream);
    const survivor = await leadingReplica();

    const expected = await listCursorsAfter(hub, allianceId, start.cursor);
    await untilDelivered(subscribers, () => expected, 45_000);
    await sleep(1500); // anything late or twice would arrive now
    const deliveries: Delivery[][] = dashboards.map((group) => group.map((s) => deliveryOf(s, expected)));
    const perGateway = deliveries.map((group) => deliveryTotals(group));
    console.log(
      `[replicas-jetstream] published ${publisher.counts.made} changes (failed ${publisher.counts.failed}) → ${expected.length} list events; ` +
        perGateway
          .map(
            (t, i) =>
              `gateway ${i + 1}: ${t.subscribers} dashboards delivered ${t.delivered} of ${t.expected}, lost ${t.lost}, duplicated ${t.duplicated}, out of order ${t.outOfOrder}`,
          )
          .join('; ') +
        `; consuming replica ${leader} killed after ${beforeKill} events, ${survivor} took over`,
    );

    expect(beforeKill).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThan(beforeKill);
    expect(survivor).not.toBe(leader);
    // Every acknowledged write is one event on the joint list: none lost on the way, none twice.
    expect(expected.length).toBe(publisher.counts.made);
    expect(deliveryProblems(deliveries.flat())).toEqual([]);
    expect(hub.exitedProcesses()).toEqual([]);
  }, 180_000);
});

describe('trust on JetStream (ADR 0020)', () => {
  it('ingests a message signed by its subject’s kind and refuses one signed by another kind or by nobody', async () => {
    const survivor = await leadingReplica();
    const refusedBefore = await metric(`http://127.0.0.1:${survivor}/graphql`, 'hub_ingest_refused_messages_total');
    const relayToken = async (kind: string) =>
      signInternalIdentity(
        { subject: `relay:${kind}`, role: 'viewer' },
        { issuer: kind, keys: await openKeyRing(`${hub.keysDir}/${kind}.jwks.json`, { create: false }) },
        'alliance',
      );
    // Well-formed events whose payload the alliance rejects: what matters is whether they reach ingestion.
    const message = (token: string | null) => {
      const eventId = randomUUID();
      const event = { eventId, entity: 'commitment', entityId: randomUUID(), version: 1, payload: {} };
      const headers: Record<string, string> = token ? { [identityHeader]: token } : {};
      return { id: eventId, data: JSON.stringify(event), headers };
    };
    const genuine = message(await relayToken('enterprise'));
    const impostor = message(await relayToken('university'));
    const unsigned = message(null);
    const publisher = createEventPublisher({ natsUrl, stream, name: 'trust test' });
    try {
      await publisher.publish('enterprise', [impostor, unsigned, genuine]);
    } finally {
      await publisher.close();
    }
    await untilIngested(nats, stream);
    const ingested = await sql<{ event_id: string }>(
      hub.databaseUrls.alliance,
      'select event_id::text from ingested_event where event_id = any($1::uuid[])',
      [[genuine.id, impostor.id, unsigned.id]],
    );
    const refused = await metric(`http://127.0.0.1:${survivor}/graphql`, 'hub_ingest_refused_messages_total');
    console.log(`[replicas-jetstream] trust: refused ${refused - refusedBefore} of 3 messages; ingested ${ingested.length}`);
    expect(ingested.map((row) => row.event_id)).toEqual([genuine.id]);
    expect(refused - refusedBefore).toBe(2);
  }, 60_000);
});
