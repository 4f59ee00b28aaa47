import type { RunningStack } from '@hub/testkit';
import pg from 'pg';
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
import { people, sql, untilRelayed } from '../support/publishing.ts';

/**
 * Fault: PostgreSQL goes away for ~10 s under load. With the embedded server (the default) it
 * is stopped at once (`pg_ctl stop -m immediate`: no checkpoint, crash recovery on start) and
 * started again on the same data folder and port; on a shared server (DATABASE_URL, e.g. CI's
 * PostgreSQL 15, which must not be stopped) the hub's databases refuse connections and their
 * backends are terminated over and over for the same time. Changes are published before,
 * during (those may fail) and after, and one event's completion is in flight (held by a lock in
 * the police's database) when the database goes. Each of 50 dashboards, and 5 walls of another
 * layout, must get every change exactly once, in order, and see nothing but reconnects: no error
 * results, no error codes, no event with its content missing.
 */

const port = 4430;
const allianceId = demo.alliances.highway;
const outageMs = 10_000;

/** A wall with another layout: its own live group at the gateway. */
const otherLayout = /* GraphQL */ `
  subscription OtherWall($allianceId: ID!, $after: String) {
    coBuildingListChanged(allianceId: $allianceId, after: $after) {
      cursor
      action
      occurredAt
      commitment { __typename id ... on Commitment { title status progress dueDate } }
    }
  }
`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let hub: RunningStack;
let viewerToken: string;
let editors: PublishSource[];
/** Editors whose writes do not touch the police's (locked) commitment table. */
let unlocked: PublishSource[];
const subscribers: LiveSubscriber[] = [];

beforeAll(async () => {
  hub = await startTestHub(port);
  viewerToken = await tokenFor(people.viewer);
  editors = [
    { caller: gatewayCaller(hub, await tokenFor(people.policeEditor)), kind: 'TRAFFIC_POLICE' },
    { caller: gatewayCaller(hub, await tokenFor(people.wideningEditor)), kind: 'ENTERPRISE' },
  ];
  unlocked = [editors[1]!, { caller: gatewayCaller(hub, await tokenFor(people.ninghaiEditor)), kind: 'TOWN_VILLAGE' }];
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

    // A completion in flight when the database dies, made certain rather than left to timing:
    // five walls with another layout (their own group, so their events are completed anew)
    // start from the same cursor while the police's commitment table is locked, so the
    // completion of the first (police) event waits inside the police's database.
    const locker = new pg.Client({ connectionString: hub.databaseUrls['traffic-police'] });
    locker.on('error', () => {}); // the outage ends this connection
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table commitment in access exclusive mode');
    const walls = openSubscribers(5, {
      url: hub.gatewayUrl,
      token: viewerToken,
      allianceId,
      after: start.cursor,
      prefix: 'other-layout',
      query: otherLayout,
    });
    subscribers.push(...walls);
    await eventually(async () => {
      const [row] = await sql<{ n: string }>(
        hub.databaseUrls['traffic-police']!,
        "select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      return Number(row?.n) > 0;
    }, 15_000);
    const wallsBefore = walls.map((s) => s.events.length);

    // During: publishing goes on (what fails is retried a little, then counted as not made).
    publisher.start(unlocked, 30);
    await sleep(1000);
    const kind = await hub.postgresOutage(outageMs);
    await locker.end().catch(() => {});
    await sleep(1000);
    await publisher.stop();

    // After: the hub takes writes again (a partner's pool may need a moment), and relays its backlog.
    const probe = new Publisher(allianceId, '数据库恢复探测');
    await eventually(() => probe.publishOne(editors[0]!, 1), 30_000, 500);
    const after = new Publisher(allianceId, '数据库恢复后');
    await after.publishMany(editors, 4);
    await untilRelayed(hub, 30_000);

    const expected = await listCursorsAfter(hub, allianceId, start.cursor);
    const all = [...dashboards, ...walls];
    await untilDelivered(all, () => expected, 25_000);
    await sleep(1500); // anything late or twice would arrive now
    const deliveries = all.map((s) => deliveryOf(s, expected));
    const published = {
      made: publisher.counts.made + probe.counts.made + after.counts.made,
      failed: publisher.counts.failed + after.counts.failed,
    };
    const codes = [...new Set(all.flatMap((s) => s.errorCodes))];
    printSummary(
      `postgres-outage (${kind}, ${outageMs / 1000} s, 50 dashboards + 5 of another layout)`,
      published,
      expected.length,
      deliveries,
      `writes refused while recovering ${probe.counts.failed}; error codes seen by dashboards: ${codes.join(', ') || 'none'}; reconnects ${all.reduce((n, s) => n + s.resubscriptions, 0)}`,
    );

    expect(deliveredBefore).toBe(50);
    expect(wallsBefore).toEqual([0, 0, 0, 0, 0]);
    expect(after.counts).toEqual({ made: 5, failed: 0 });
    expect(expected.length).toBeGreaterThan(before.length + 4);
    expect(deliveryProblems(deliveries)).toEqual([]);
    // Reconnects are fine; errors are not.
    expect([...new Set(all.flatMap((s) => s.errorSamples))]).toEqual([]);
    expect(codes).toEqual([]);
    expect(all.reduce((n, s) => n + s.errorResults, 0)).toBe(0);
    // Every process survived the outage (none restarted, none exited).
    expect(hub.processIds()).toEqual(pids);
    expect(hub.exitedProcesses()).toEqual([]);
  });
});
