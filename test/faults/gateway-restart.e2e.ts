import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { demo, eventually, metric, startTestHub, tokenFor } from '../support/hub.ts';
import {
  currentCursor,
  deliveryOf,
  deliveryProblems,
  directCaller,
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
 * Fault: the gateway dies (SIGKILL) with 50 dashboards connected, changes are published while
 * it is down, it comes back. Every dashboard reconnects, resumes after its last cursor and gets
 * every change of the joint list exactly once, in order. Also: dashboards resuming from one
 * older cursor a moment apart, and a dashboard that had received nothing when its connection
 * dropped.
 */

const port = 4400;
const allianceId = demo.alliances.highway;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Each test closes its dashboards when it ends, passed or failed, so the next starts from none. */
const stopAll = async (some: LiveSubscriber[]) => {
  await Promise.all(some.map((s) => s.stop()));
};

let hub: RunningStack;
let viewerToken: string;
let viaGateway: PublishSource[];
let direct: PublishSource[];
const subscribers: LiveSubscriber[] = [];

beforeAll(async () => {
  hub = await startTestHub(port);
  viewerToken = await tokenFor(people.viewer);
  viaGateway = [
    { caller: gatewayCaller(hub, await tokenFor(people.policeEditor)), kind: 'TRAFFIC_POLICE' },
    { caller: gatewayCaller(hub, await tokenFor(people.wideningEditor)), kind: 'ENTERPRISE' },
  ];
  direct = [
    {
      caller: directCaller(hub, 'traffic-police', {
        subject: 'fault-police',
        role: 'partner_editor',
        partnerId: demo.partners.trafficPolice,
      }),
      kind: 'TRAFFIC_POLICE',
    },
    {
      caller: directCaller(hub, 'enterprise', { subject: 'fault-widening', role: 'partner_editor', partnerId: demo.partners.widening }),
      kind: 'ENTERPRISE',
    },
  ];
  await untilRelayed(hub);
});

afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await hub?.stop();
});

/** Cursor from which the first test's dashboards started: the later tests resume from it too. */
let firstStart: string;

describe('fault: the gateway is killed and restarted', () => {
  it('every one of 50 dashboards reconnects and gets each change once, in order, including those made while the gateway was down', async () => {
    const pids = hub.processIds();
    const start = await currentCursor(hub, allianceId, viewerToken);
    firstStart = start.cursor;
    const dashboards = openSubscribers(50, { url: hub.gatewayUrl, token: viewerToken, allianceId, after: start.cursor });
    subscribers.push(...dashboards);
    onTestFinished(() => stopAll(dashboards));
    await untilLiveClients(hub, 50);

    const publisher = new Publisher(allianceId, '网关重启');
    await publisher.publishMany(viaGateway, 4);
    await untilRelayed(hub); // every warm-up change indexed, so none arrives after the idle dashboards start
    const warm = await listCursorsAfter(hub, allianceId, start.cursor);
    expect(warm.length).toBeGreaterThanOrEqual(4);
    await untilDelivered(dashboards, () => warm, 15_000);

    // Five more dashboards start from now: when the gateway dies they have received nothing yet.
    const idleStart = (await currentCursor(hub, allianceId, viewerToken)).cursor;
    const idle = openSubscribers(5, { url: hub.gatewayUrl, token: viewerToken, allianceId, after: idleStart, prefix: 'idle' });
    subscribers.push(...idle);
    onTestFinished(() => stopAll(idle));
    await untilLiveClients(hub, 55);

    await hub.killService('gateway');
    const idleBeforeRestart = idle.map((s) => s.events.length);
    // While the gateway is down the editors' writes reach their subgraphs directly (as the gateway forwards them).
    const whileDown = new Publisher(allianceId, '网关停机期间');
    await whileDown.publishMany(direct, 6);
    await untilRelayed(hub);
    await sleep(500);
    await hub.startService('gateway');
    await publisher.publishMany(viaGateway, 4);
    await untilRelayed(hub);

    const expected = await listCursorsAfter(hub, allianceId, start.cursor);
    const expectedIdle = await listCursorsAfter(hub, allianceId, idleStart);
    const expectedOf = (s: LiveSubscriber) => (s.startCursor === idleStart ? expectedIdle : expected);
    const all = [...dashboards, ...idle];
    await untilDelivered(all, expectedOf, 20_000);
    await sleep(1500); // anything late or twice would arrive now
    const deliveries = all.map((s) => deliveryOf(s, expectedOf(s)));
    const published = { made: publisher.counts.made + whileDown.counts.made, failed: publisher.counts.failed + whileDown.counts.failed };
    printSummary('gateway-restart (50 + 5 idle dashboards)', published, expected.length, deliveries, `start from ${start.source}`);

    expect(idleBeforeRestart).toEqual([0, 0, 0, 0, 0]);
    expect(whileDown.counts.made).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThan(warm.length + whileDown.counts.made - 1);
    expect(all.every((s) => s.resubscriptions >= 1)).toBe(true);
    expect(deliveryProblems(deliveries)).toEqual([]);
    expect([...new Set(all.flatMap((s) => s.errorSamples))]).toEqual([]);
    // The subgraphs were not restarted, and nothing else died.
    const { gateway: _old, ...subgraphPids } = pids;
    const { gateway: _new, ...subgraphPidsAfter } = hub.processIds();
    expect(subgraphPidsAfter).toEqual(subgraphPids);
    expect(hub.exitedProcesses()).toEqual([]);
  });

  it('gives each of 4 dashboards resuming from the same older cursor 0/100/200/300 ms apart every change after it', async () => {
    const pids = hub.processIds();
    expect(firstStart).toBeDefined();
    const late: LiveSubscriber[] = [];
    for (let i = 0; i < 4; i += 1) {
      late.push(
        ...openSubscribers(1, {
          url: hub.gatewayUrl,
          token: viewerToken,
          allianceId,
          after: firstStart,
          prefix: 'same-cursor',
          firstIndex: i,
        }),
      );
      await sleep(100);
    }
    subscribers.push(...late);
    onTestFinished(() => stopAll(late));
    const publisher = new Publisher(allianceId, '同一游标续订');
    await publisher.publishMany(viaGateway, 2);
    await untilRelayed(hub);
    const expected = await listCursorsAfter(hub, allianceId, firstStart);
    await untilDelivered(late, () => expected, 15_000);
    await sleep(1000);
    const deliveries = late.map((s) => deliveryOf(s, expected));
    printSummary('gateway-restart / same older cursor (4 dashboards, 100 ms apart)', publisher.counts, expected.length, deliveries);

    expect(expected.length).toBeGreaterThan(10);
    expect(deliveryProblems(deliveries)).toEqual([]);
    expect(hub.processIds()).toEqual(pids);
  });

  it('resumes a dashboard whose connection dropped before its first event from its start cursor', async () => {
    const pids = hub.processIds();
    await eventually(async () => (await metric(hub.gatewayUrl, 'hub_live_clients')) === 0, 10_000, 100);
    const start = (await currentCursor(hub, allianceId, viewerToken)).cursor;
    // It waits a good while before resubscribing, so the changes happen while it is away.
    const [dashboard] = openSubscribers(1, {
      url: hub.gatewayUrl,
      token: viewerToken,
      allianceId,
      after: start,
      prefix: 'dropped-early',
      backoffMs: [2500, 3000],
    });
    subscribers.push(dashboard!);
    onTestFinished(() => stopAll([dashboard!]));
    await untilLiveClients(hub, 1);
    dashboard!.dropConnection();
    const publisher = new Publisher(allianceId, '首个事件之前断线');
    await publisher.publishMany(viaGateway, 3);
    await untilRelayed(hub);
    const receivedWhileAway = dashboard!.events.length;
    const expected = await listCursorsAfter(hub, allianceId, start);
    await untilDelivered([dashboard!], () => expected, 15_000);
    await sleep(1000);
    const delivery = deliveryOf(dashboard!, expected);
    printSummary('gateway-restart / dropped before its first event', publisher.counts, expected.length, [delivery]);

    expect(receivedWhileAway).toBe(0);
    expect(dashboard!.resubscriptions).toBeGreaterThanOrEqual(1);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(deliveryProblems([delivery])).toEqual([]);
    expect(hub.processIds()).toEqual(pids);
  });
});
