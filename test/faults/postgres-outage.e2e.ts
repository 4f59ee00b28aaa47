import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, startTestHub, tokenFor } from '../support/hub.ts';
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
 * Fault: PostgreSQL goes away for ~10 s under load. With the embedded server (the default) it
 * is stopped at once (`pg_ctl stop -m immediate`: no checkpoint, crash recovery on start) and
 * started again on the same data folder and port; on a shared server (DATABASE_URL, e.g. CI's
 * PostgreSQL 15, which must not be stopped) the hub's databases refuse connections and their
 * backends are terminated over and over for the same time. Changes are published before,
 * during (those may fail) and after. Each of 50 dashboards must get every change exactly once,
 * in order, and see nothing but reconnects: no error results, no error codes.
 */

const port = 4430;
const allianceId = demo.alliances.highway;
const outageMs = 10_000;
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
  ];
  await untilRelayed(hub);
});

afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await hub?.stop();
});

describe('fault: PostgreSQL is unavailable for ~10 s', () => {
  it('loses and repeats nothing for 50 dashboards; their streams resume with no errors but reconnects', async () => {
    const pids = hub.processIds();
    const start = await currentCursor(hub, allianceId, viewerToken);
    const dashboards = openSubscribers(50, { url: hub.gatewayUrl, token: viewerToken, allianceId, after: start.cursor });
    subscribers.push(...dashboards);
    await untilLiveClients(hub, 50);

    // Before: published and delivered.
    const publisher = new Publisher(allianceId, '数据库停机');
    await publisher.publishMany(editors, 4);
    const before = await listCursorsAfter(hub, allianceId, start.cursor);
    await untilDelivered(dashboards, () => before, 15_000);
    const deliveredBefore = dashboards.filter((s) => s.hasAll(before)).length;

    // During: publishing goes on (what fails is retried a little, then counted as not made).
    publisher.start(editors, 30);
    await sleep(1000);
    const kind = await hub.postgresOutage(outageMs);
    await sleep(1000);
    await publisher.stop();

    // After: the hub takes writes again (a partner's pool may need a moment), and relays its backlog.
    const probe = new Publisher(allianceId, '数据库恢复探测');
    await eventually(() => probe.publishOne(editors[0]!, 1), 30_000, 500);
    const after = new Publisher(allianceId, '数据库恢复后');
    await after.publishMany(editors, 4);
    await untilRelayed(hub, 30_000);

    const expected = await listCursorsAfter(hub, allianceId, start.cursor);
    await untilDelivered(dashboards, () => expected, 25_000);
    await sleep(1500); // anything late or twice would arrive now
    const deliveries = dashboards.map((s) => deliveryOf(s, expected));
    const published = {
      made: publisher.counts.made + probe.counts.made + after.counts.made,
      failed: publisher.counts.failed + after.counts.failed,
    };
    const codes = [...new Set(dashboards.flatMap((s) => s.errorCodes))];
    printSummary(
      `postgres-outage (${kind}, ${outageMs / 1000} s, 50 dashboards)`,
      published,
      expected.length,
      deliveries,
      `writes refused while recovering ${probe.counts.failed}; error codes seen by dashboards: ${codes.join(', ') || 'none'}; reconnects ${dashboards.reduce((n, s) => n + s.resubscriptions, 0)}`,
    );

    expect(deliveredBefore).toBe(50);
    expect(after.counts).toEqual({ made: 5, failed: 0 });
    expect(expected.length).toBeGreaterThan(before.length + 4);
    expect(deliveryProblems(deliveries)).toEqual([]);
    // Reconnects are fine; errors are not.
    expect([...new Set(dashboards.flatMap((s) => s.errorSamples))]).toEqual([]);
    expect(codes).toEqual([]);
    expect(dashboards.reduce((n, s) => n + s.errorResults, 0)).toBe(0);
    // Every process survived the outage (none restarted, none exited).
    expect(hub.processIds()).toEqual(pids);
    expect(hub.exitedProcesses()).toEqual([]);
  });
});
