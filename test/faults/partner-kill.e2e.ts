import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, startTestHub, tokenFor } from '../support/hub.ts';
import {
  currentCursor,
  deliveryOf,
  deliveryProblems,
  gatewayCaller,
  gqlWithTimeout,
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
 * Fault: a partner subgraph (traffic police) dies with SIGKILL while dashboards read the joint
 * list and other partners publish. The joint list keeps answering — the dead partner's items
 * without their content, with an error naming it — and the live changes of the other partners
 * reach each of 50 dashboards exactly once, in order. Then the partner comes back.
 */

const port = 4420;
const allianceId = demo.alliances.highway;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const listQuery = /* GraphQL */ `
  query Wall($id: ID!) {
    alliance(id: $id) {
      coBuildingList(first: 200) {
        edges { node { __typename id title status progress ... on TrafficPoliceCommitment { roadSection } } }
      }
    }
  }
`;

interface QueryOutcome {
  at: number;
  /** The list came back (possibly with some items' content missing). */
  answered: boolean;
  /** serviceName of each error (or its code when it names none). */
  blamed: string[];
  missingItems: number;
}

let hub: RunningStack;
let viewerToken: string;
let editors: PublishSource[];
let police: PublishSource;
const subscribers: LiveSubscriber[] = [];

beforeAll(async () => {
  hub = await startTestHub(port);
  viewerToken = await tokenFor(people.viewer);
  editors = [
    { caller: gatewayCaller(hub, await tokenFor(people.wideningEditor)), kind: 'ENTERPRISE' },
    { caller: gatewayCaller(hub, await tokenFor(people.ninghaiEditor)), kind: 'TOWN_VILLAGE' },
    { caller: gatewayCaller(hub, await tokenFor(people.instituteEditor)), kind: 'UNIVERSITY' },
  ];
  police = { caller: gatewayCaller(hub, await tokenFor(people.policeEditor)), kind: 'TRAFFIC_POLICE' };
  await untilRelayed(hub);
});

afterAll(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await hub?.stop();
});

/** Reads the joint list as a wall would, over and over (two readers), until `stop()`. */
function readLoad(): { outcomes: QueryOutcome[]; stop: () => Promise<void> } {
  const outcomes: QueryOutcome[] = [];
  let stopping = false;
  const reader = async () => {
    while (!stopping) {
      const at = Date.now();
      try {
        const response = await gqlWithTimeout(hub.gatewayUrl, listQuery, { id: allianceId }, viewerToken);
        const edges: { node: unknown }[] | undefined = response.data?.alliance?.coBuildingList?.edges;
        outcomes.push({
          at,
          answered: response.status === 200 && Array.isArray(edges),
          blamed: (response.errors ?? []).map((e) => String(e.extensions?.serviceName ?? e.extensions?.code)),
          missingItems: edges?.filter((edge) => edge.node === null).length ?? 0,
        });
      } catch (error) {
        outcomes.push({ at, answered: false, blamed: [String((error as Error).message)], missingItems: 0 });
      }
      await sleep(50);
    }
  };
  const readers = [reader(), reader()];
  return {
    outcomes,
    stop: async () => {
      stopping = true;
      await Promise.all(readers);
    },
  };
}

describe('fault: a partner subgraph is killed under load', () => {
  it('keeps the joint list answering and delivers every other partner’s change to each of 50 dashboards exactly once, in order', async () => {
    const pids = hub.processIds();
    const start = await currentCursor(hub, allianceId, viewerToken);
    const dashboards = openSubscribers(50, { url: hub.gatewayUrl, token: viewerToken, allianceId, after: start.cursor });
    subscribers.push(...dashboards);
    await untilLiveClients(hub, 50);

    const load = readLoad();
    const publisher = new Publisher(allianceId, '交警停机');
    publisher.start(editors, 100);
    await sleep(1500);
    const killedAt = Date.now();
    await hub.killService('traffic-police');
    await sleep(4000);
    const restartedAt = Date.now();
    await hub.startService('traffic-police');
    await sleep(2000);
    await publisher.stop();
    await load.stop();
    // The restarted partner publishes again, and its change goes live like the others'.
    const returned = new Publisher(allianceId, '交警恢复后');
    await eventually(() => returned.publishOne(police, 1), 20_000, 500);
    await untilRelayed(hub, 30_000);

    const expected = await listCursorsAfter(hub, allianceId, start.cursor);
    await untilDelivered(dashboards, () => expected, 20_000);
    await sleep(1500); // anything late or twice would arrive now
    const deliveries = dashboards.map((s) => deliveryOf(s, expected));
    const during = load.outcomes.filter((o) => o.at > killedAt + 200 && o.at < restartedAt);
    const unanswered = load.outcomes.filter((o) => !o.answered);
    printSummary(
      'partner-kill (50 dashboards)',
      { made: publisher.counts.made + returned.counts.made, failed: publisher.counts.failed },
      expected.length,
      deliveries,
      `joint-list reads ${load.outcomes.length} (${during.length} while traffic-police was down, ${unanswered.length} unanswered)`,
    );

    // The queries kept answering; while the partner was down they said which part was missing.
    expect(during.length).toBeGreaterThan(5);
    expect(unanswered).toEqual([]);
    expect(during.some((o) => o.missingItems > 0 && o.blamed.includes('traffic-police'))).toBe(true);
    expect(during.flatMap((o) => o.blamed).filter((name) => name !== 'traffic-police')).toEqual([]);
    // Every change of the other partners arrived, once each, in order.
    expect(publisher.counts.made).toBeGreaterThan(10);
    expect(expected.length).toBeGreaterThanOrEqual(publisher.counts.made);
    expect(deliveryProblems(deliveries)).toEqual([]);
    expect([...new Set(dashboards.flatMap((s) => s.errorSamples))]).toEqual([]);
    // Only traffic-police was restarted; nothing else died; its items are whole again.
    const { 'traffic-police': _old, ...others } = pids;
    const { 'traffic-police': _new, ...othersAfter } = hub.processIds();
    expect(othersAfter).toEqual(others);
    expect(hub.exitedProcesses()).toEqual([]);
    const after = await gqlWithTimeout(hub.gatewayUrl, listQuery, { id: allianceId }, viewerToken);
    expect(after.errors).toBeUndefined();
  });
});
