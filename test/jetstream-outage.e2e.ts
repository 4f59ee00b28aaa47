import { connectNats, type NatsConnection } from '@hub/event-stream';
import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, metric, startTestHub, tokenFor } from './support/hub.ts';
import { deleteStream, natsUrl, testStreamName, untilIngested } from './support/jetstream.ts';
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
  untilDelivered,
} from './support/live-client.ts';
import { partnerSubgraphs, people, undelivered, untilRelayed } from './support/publishing.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

/**
 * NATS down (ADR 0021): the hub on the JetStream transport reaches NATS through a proxy the test
 * cuts for a while. Editors keep publishing: their writes succeed, the outboxes keep the rows
 * undelivered and the relays retry; once NATS is back every change reaches the joint list and a
 * dashboard, once, in order.
 */

const port = 6240;
const natsProxyPort = 6250;
const stream = testStreamName('OUTAGE');
const allianceId = demo.alliances.highway;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let hub: RunningStack;
let nats: NatsConnection;
const natsProxy = new TcpProxy(natsProxyPort, [4222]);
const subscribers: LiveSubscriber[] = [];

beforeAll(async () => {
  nats = await connectNats(natsUrl, 'jetstream-outage test');
  await natsProxy.restore();
  hub = await startTestHub(port, {
    env: { HUB_EVENT_TRANSPORT: 'jetstream', HUB_NATS_URL: `nats://127.0.0.1:${natsProxyPort}`, HUB_NATS_STREAM: stream },
  });
  await untilRelayed(hub, 60_000);
  await untilIngested(nats, stream);
}, 180_000);

afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await hub?.stop();
  await natsProxy.cut();
  if (nats) {
    await deleteStream(nats, stream);
    await nats.close();
  }
});

const pendingEvents = async () =>
  (await Promise.all(partnerSubgraphs.map((name) => undelivered(hub.databaseUrls[name] as string)))).reduce((a, b) => a + b, 0);
const failedRounds = async () =>
  (await Promise.all(partnerSubgraphs.map((name) => metric(hub.subgraphUrls[name] as string, 'hub_outbox_failed_attempts_total')))).reduce(
    (a, b) => a + b,
    0,
  );

describe('NATS down on the JetStream transport', () => {
  it('keeps writes and outbox rows while NATS is unreachable and delivers every change once it is back', async () => {
    const viewerToken = await tokenFor(people.viewer);
    const start = await currentCursor(hub, allianceId, viewerToken);
    const [dashboard] = openSubscribers(1, { url: hub.gatewayUrl, token: viewerToken, allianceId, after: start.cursor });
    subscribers.push(dashboard as LiveSubscriber);
    const editors: PublishSource[] = [
      { caller: gatewayCaller(hub, await tokenFor(people.policeEditor)), kind: 'TRAFFIC_POLICE' },
      { caller: gatewayCaller(hub, await tokenFor(people.wideningEditor)), kind: 'ENTERPRISE' },
    ];
    const publisher = new Publisher(allianceId, 'NATS 中断');
    await publisher.publishMany(editors, 4);
    await untilRelayed(hub, 15_000);

    await natsProxy.cut();
    const failedBefore = await failedRounds();
    await publisher.publishMany(editors, 6);
    // The writes were acknowledged; their events wait in the outboxes while the relays fail.
    await eventually(async () => (await failedRounds()) > failedBefore, 20_000, 200);
    const waiting = await pendingEvents();
    const listedDuringOutage = (await listCursorsAfter(hub, allianceId, start.cursor)).length;
    await sleep(1000);
    const stillWaiting = await pendingEvents();

    await natsProxy.restore();
    await untilRelayed(hub, 60_000);
    await untilIngested(nats, stream);
    const expected = await listCursorsAfter(hub, allianceId, start.cursor);
    await untilDelivered(subscribers, () => expected, 20_000);
    await sleep(1000);
    const delivery = deliveryOf(dashboard as LiveSubscriber, expected);
    console.log(
      `[jetstream-outage] published ${publisher.counts.made} changes (failed ${publisher.counts.failed}); ` +
        `${waiting} waited in the outboxes while NATS was cut (${listedDuringOutage} listed by then); ` +
        `after: ${expected.length} list events, dashboard received ${delivery.received}, lost ${delivery.lost.length}, duplicated ${delivery.duplicated}`,
    );

    expect(publisher.counts.failed).toBe(0);
    expect(waiting).toBeGreaterThan(0);
    expect(stillWaiting).toBe(waiting);
    expect(listedDuringOutage).toBeLessThan(publisher.counts.made);
    expect(expected.length).toBe(publisher.counts.made);
    expect(deliveryProblems([delivery])).toEqual([]);
    expect(hub.exitedProcesses()).toEqual([]);
  }, 180_000);
});
