import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, metric, startTestHub, tokenFor } from '../support/hub.ts';
import {
  currentCursor,
  deliveryOf,
  deliveryProblems,
  gatewayCaller,
  type LiveSubscriber,
  listCursorsAfter,
  openSubscribers,
  Publisher,
  type PublishSource,
  printSummary,
  untilDelivered,
  untilLiveClients,
} from '../support/live-client.ts';
import { people, untilRelayed } from '../support/publishing.ts';

/**
 * Fault: the alliance subgraph (the joint list's index and the live feed) dies with SIGKILL in
 * the middle of a burst of publishes by three partners, twice, and comes back 2.5 s later. The partners'
 * outbox relays retry; the gateway's upstream streams resume; each of 50 dashboards must get
 * every change of the joint list exactly once, in order.
 */

const port = 4410;
const allianceId = demo.alliances.highway;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let hub: RunningStack;
let viewerToken: string;
let editors: PublishSource[];
const subscribers: LiveSubscriber[] = [];

beforeAll(async () => {
  hub = await startTestHub(port);
  viewerToken = await tokenFor(people.viewer);
  editors = [
    { caller: gatewayCaller(hub, await tokenFor(people.policeEditor)), kind: 'TRAFFIC_POLICE' },
    { caller: gatewayCaller(hub, await tokenFor(people.wideningEditor)), kind: 'ENTERPRISE' },
    { caller: gatewayCaller(hub, await tokenFor(people.ninghaiEditor)), kind: 'TOWN_VILLAGE' },
  ];
  await untilRelayed(hub);
});

afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await hub?.stop();
});

describe('fault: the alliance subgraph is killed during a burst of publishes', () => {
  it('delivers every change to each of 50 dashboards exactly once, in order, after the alliance comes back', async () => {
    const pids = hub.processIds();
    const start = await currentCursor(hub, allianceId, viewerToken);
    const dashboards = openSubscribers(50, { url: hub.gatewayUrl, token: viewerToken, allianceId, after: start.cursor });
    subscribers.push(...dashboards);
    await untilLiveClients(hub, 50);

    const upstreamBefore = await metric(hub.gatewayUrl, 'hub_live_upstream_subscriptions_total');
    const publisher = new Publisher(allianceId, '注册中心崩溃');
    publisher.start(editors, 20);
    await sleep(1500);
    const beforeKill = (await listCursorsAfter(hub, allianceId, start.cursor)).length;
    // Twice: killed just after a write is acknowledged, while its event is on its way (relay,
    // ingestion, notification, the gateway's completion), then back 2.5 s later.
    for (let round = 0; round < 2; round += 1) {
      await publisher.nextAcknowledgement();
      await sleep(Math.random() * 20);
      await hub.killService('alliance');
      await sleep(2500);
      await hub.startService('alliance');
      await sleep(1500);
    }
    await publisher.stop();
    await untilRelayed(hub, 30_000);

    const expected = await listCursorsAfter(hub, allianceId, start.cursor);
    await untilDelivered(dashboards, () => expected, 25_000);
    await sleep(1500); // anything late or twice would arrive now
    const deliveries = dashboards.map((s) => deliveryOf(s, expected));
    printSummary('alliance-kill (50 dashboards)', publisher.counts, expected.length, deliveries, `start from ${start.source}`);

    expect(beforeKill).toBeGreaterThan(0);
    // The gateway's shared stream did lose the alliance and subscribe to it again.
    expect(await metric(hub.gatewayUrl, 'hub_live_upstream_subscriptions_total')).toBeGreaterThan(upstreamBefore);
    expect(expected.length).toBeGreaterThan(beforeKill);
    expect(deliveryProblems(deliveries)).toEqual([]);
    expect([...new Set(dashboards.flatMap((s) => s.errorSamples))]).toEqual([]);
    // Only the alliance was restarted; nothing else died.
    const { alliance: _old, ...others } = pids;
    const { alliance: _new, ...othersAfter } = hub.processIds();
    expect(othersAfter).toEqual(others);
    expect(hub.exitedProcesses()).toEqual([]);
  });
});
