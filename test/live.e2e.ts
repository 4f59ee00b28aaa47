import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stableId } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { type Client, createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demo, eventually, gql, metric, startTestHub, tokenFor } from './support/hub.ts';

const policeBranch = stableId('branch/highway-traffic-police');

/** The alliance's open streams of list changes (its total also counts the gateway's own event feed). */
const listStreams = 'hub_ws_subscriptions_active{field="coBuildingListChanged"}';

const listChanged = /* GraphQL */ `
  subscription Watch($allianceId: ID!, $after: String) {
    coBuildingListChanged(allianceId: $allianceId, after: $after) {
      cursor
      action
      commitment {
        __typename
        id
        ... on TrafficPoliceCommitment { title status roadSection guarantees branch { name } }
      }
    }
  }
`;

interface Received {
  values: any[];
  errors: unknown[];
  closedWith: number | null;
  done: boolean;
}

let hub: RunningStack;
let supergraphPath: string;
const clients: Client[] = [];
let editor: string;
let viewer: string;

function wsUrl(): string {
  return hub.gatewayUrl.replace(/^http/, 'ws');
}

/** Opens a graphql-ws client at the gateway; it is disposed after the file's tests. */
function connect(token?: string, onClose?: (code: number) => void): Client {
  const client = createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => onClose?.((event as { code: number }).code) },
  });
  clients.push(client);
  return client;
}

function watch(client: Client, query: string, variables: Record<string, unknown>): Received & { stop: () => void } {
  const received: Received = { values: [], errors: [], closedWith: null, done: false };
  const stop = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) {
          received.errors.push(...value.errors);
        } else {
          received.values.push(value.data);
        }
      },
      error: (error) => {
        received.errors.push(error);
        received.done = true;
      },
      complete: () => {
        received.done = true;
      },
    },
  );
  return Object.assign(received, { stop });
}

const createMutation = /* GraphQL */ `
  mutation Create($allianceId: ID!, $input: TrafficPoliceCommitmentInput!) {
    trafficPolice { createCommitment(allianceId: $allianceId, input: $input) { id version } }
  }
`;
const publishMutation = /* GraphQL */ `
  mutation Publish($id: ID!, $version: Int!) { trafficPolice { publishCommitment(id: $id, version: $version) { id } } }
`;

async function createDraft(title: string): Promise<string> {
  const created = await gql(
    hub.gatewayUrl,
    createMutation,
    {
      allianceId: demo.alliances.highway,
      input: {
        title,
        category: 'WORK_LINKAGE',
        dueDate: '2027-03-01',
        roadSection: 'G15 K1530—K1540',
        guarantees: ['SAFETY'],
        branchId: policeBranch,
      },
    },
    editor,
  );
  expect(created.errors).toBeUndefined();
  return created.data.trafficPolice.createCommitment.id;
}

async function publish(id: string): Promise<void> {
  const published = await gql(hub.gatewayUrl, publishMutation, { id, version: 1 }, editor);
  expect(published.errors).toBeUndefined();
}

async function publishNew(title: string): Promise<string> {
  const id = await createDraft(title);
  await publish(id);
  return id;
}

beforeAll(async () => {
  // The gateway reads a copy of the supergraph, so one test can change it under running clients.
  supergraphPath = join(mkdtempSync(join(tmpdir(), 'hub-live-')), 'supergraph.graphql');
  copyFileSync(new URL('../gateway/supergraph.graphql', import.meta.url), supergraphPath);
  // The schema-change tests edit the supergraph without changing the subgraphs, so the gateway
  // must not wait for them to serve it (test/kind-rollout.e2e.ts covers that check).
  hub = await startTestHub(4170, { env: { HUB_SUPERGRAPH_PATH: supergraphPath, HUB_SUPERGRAPH_CHECK: '0' } });
  editor = await tokenFor({ role: 'partner_editor', partnerId: demo.partners.trafficPolice, name: '林海' });
  viewer = await tokenFor({ role: 'viewer' });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await hub?.stop();
});

describe('live dashboards at the gateway (graphql-ws)', () => {
  it('delivers a commitment a partner editor publishes, with fields owned by the partner’s subgraph', async () => {
    const feed = watch(connect(viewer), listChanged, { allianceId: demo.alliances.highway });
    await eventually(async () => (await metric(hub.subgraphUrls.alliance, listStreams)) >= 1);
    const id = await publishNew('直播：施工区夜间联合巡查');
    const event = await eventually(async () => feed.values.find((v) => v.coBuildingListChanged.commitment?.id === id));
    expect(event.coBuildingListChanged).toMatchObject({
      action: 'PUBLISHED',
      commitment: {
        __typename: 'TrafficPoliceCommitment',
        title: '直播：施工区夜间联合巡查',
        status: 'PUBLISHED',
        roadSection: 'G15 K1530—K1540',
        guarantees: ['SAFETY'],
        branch: { name: '宁海高速交警大队党支部' },
      },
    });
    expect(feed.errors).toEqual([]);
    feed.stop();
  });

  it('shares one upstream subscription and one completion per event among identical subscriptions', async () => {
    const variables = { allianceId: demo.alliances.highway };
    const upstreamBefore = await metric(hub.subgraphUrls.alliance, 'hub_ws_subscriptions_total');
    const completionsBefore = await metric(hub.gatewayUrl, 'hub_live_completions_total');
    const first = watch(connect(viewer), listChanged, variables);
    const second = watch(connect(viewer), listChanged, variables);
    await eventually(async () => (await metric(hub.gatewayUrl, 'hub_live_clients')) === 2);
    const id = await publishNew('直播：两个大屏同看一条');
    for (const feed of [first, second]) {
      await eventually(async () => feed.values.some((v) => v.coBuildingListChanged.commitment?.id === id));
    }
    expect((await metric(hub.subgraphUrls.alliance, 'hub_ws_subscriptions_total')) - upstreamBefore).toBe(1);
    expect((await metric(hub.gatewayUrl, 'hub_live_completions_total')) - completionsBefore).toBe(1);
    first.stop();
    second.stop();
    await eventually(async () => (await metric(hub.subgraphUrls.alliance, listStreams)) === 0);
  });

  it('gives a client that reconnects with its last cursor what it missed, in order, once', async () => {
    const variables = { allianceId: demo.alliances.highway };
    const before = watch(connect(viewer), listChanged, variables);
    const firstId = await publishNew('直播：断线前最后一条');
    const last = await eventually(async () => before.values.find((v) => v.coBuildingListChanged.commitment?.id === firstId));
    before.stop();
    const missed = [await publishNew('直播：断线期间一'), await publishNew('直播：断线期间二')];

    const after = watch(connect(viewer), listChanged, { ...variables, after: last.coBuildingListChanged.cursor });
    await eventually(async () => after.values.length >= 2);
    const live = await publishNew('直播：重连之后');
    await eventually(async () => after.values.some((v) => v.coBuildingListChanged.commitment?.id === live));
    const ids = after.values.map((v) => v.coBuildingListChanged.commitment.id);
    expect(ids).toEqual([...missed, live]);
    const cursors = after.values.map((v) => Number(v.coBuildingListChanged.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    after.stop();
  });

  it('keeps streaming after the alliance subgraph restarts, losing nothing published meanwhile', async () => {
    const feed = watch(connect(viewer), listChanged, { allianceId: demo.alliances.highway });
    const warm = await publishNew('直播：重启前');
    await eventually(async () => feed.values.some((v) => v.coBuildingListChanged.commitment?.id === warm));
    const draft = await createDraft('直播：注册中心停机时发布');
    await hub.stopService('alliance');
    await publish(draft);
    await hub.startService('alliance');
    await eventually(async () => feed.values.some((v) => v.coBuildingListChanged.commitment?.id === draft), 20_000);
    expect(feed.values.filter((v) => v.coBuildingListChanged.commitment?.id === draft)).toHaveLength(1);
    expect(feed.done).toBe(false);
    feed.stop();
  });

  it('refuses a connection whose token is not valid', async () => {
    let closedWith: number | null = null;
    const feed = watch(
      connect('not-a-token', (code) => {
        closedWith = code;
      }),
      listChanged,
      { allianceId: demo.alliances.highway },
    );
    await eventually(async () => closedWith !== null && feed.done);
    expect(closedWith).toBe(4403);
    expect(feed.values).toEqual([]);
  });

  it('answers a malformed or over-deep subscription with an error, not a stream', async () => {
    const client = connect(viewer);
    const unknownField = watch(client, 'subscription { coBuildingListChanged(allianceId: "x") { nope } }', {});
    await eventually(async () => unknownField.done);
    expect(JSON.stringify(unknownField.errors)).toContain('nope');
    const badId = watch(client, listChanged, { allianceId: 'not-an-id' });
    await eventually(async () => badId.errors.length > 0 || badId.done);
    expect(JSON.stringify(badId.errors)).toMatch(/allianceId|id/);
  });

  it('gives each of several clients resuming from one cursor a moment apart every later event, once', async () => {
    const variables = { allianceId: demo.alliances.highway };
    const start = await liveCursor();
    await publishNew('直播：同一游标之后一');
    await publishNew('直播：同一游标之后二');
    // Clients join 0, 100, 200 and 300 ms apart while more is published: each joins a group
    // that has passed its cursor already, or will.
    const feeds: ReturnType<typeof watch>[] = [];
    const publishing = (async () => {
      for (const title of ['直播：加入期间一', '直播：加入期间二']) {
        await publishNew(title);
      }
    })();
    for (let i = 0; i < 4; i += 1) {
      feeds.push(watch(connect(viewer), listChanged, { ...variables, after: start }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await publishing;
    await publishNew('直播：全部加入之后');
    const expected = await eventually(async () => {
      const stored = await eventsAfter(start);
      return stored.length === 5 ? stored : null;
    });
    for (const feed of feeds) {
      await eventually(async () => feed.values.length >= expected.length);
      expect(feed.values.map((v) => v.coBuildingListChanged.cursor)).toEqual(expected);
      expect(feed.errors).toEqual([]);
      feed.stop();
    }
  });

  it('starts a view from the cursor its query returned, so a change before the first event is not missed', async () => {
    const start = await liveCursor();
    const id = await publishNew('直播：加载之后、订阅之前');
    const feed = watch(connect(viewer), listChanged, { allianceId: demo.alliances.highway, after: start });
    const event = await eventually(async () => feed.values.find((v) => v.coBuildingListChanged.commitment?.id === id));
    expect(event.coBuildingListChanged.action).toBe('PUBLISHED');
    feed.stop();
  });

  it('tells a client whose cursor the feed cannot resume from to reload (CURSOR_EXPIRED), and refuses malformed cursors', async () => {
    const newest = BigInt(await liveCursor());
    // As if every event up to the newest had been pruned.
    await query(hub.databaseUrls.alliance, 'update event_retention set pruned_through = $1', [String(newest)]);
    try {
      const cases: [string, string][] = [
        [String(newest - 1n), 'CURSOR_EXPIRED'], // older than what is retained
        ['0', 'CURSOR_EXPIRED'],
        [String(newest + 1000n), 'CURSOR_EXPIRED'], // never issued (e.g. before the database was rebuilt)
        ['9223372036854775807', 'CURSOR_EXPIRED'],
        ['9223372036854775808', 'BAD_USER_INPUT'], // beyond bigint
        ['99999999999999999999', 'BAD_USER_INPUT'],
        ['-1', 'BAD_USER_INPUT'],
        ['1e3', 'BAD_USER_INPUT'],
        [' 12', 'BAD_USER_INPUT'],
        ['12\u0000', 'BAD_USER_INPUT'],
      ];
      const client = connect(viewer);
      for (const [after, code] of cases) {
        const feed = watch(client, listChanged, { allianceId: demo.alliances.highway, after });
        await eventually(async () => feed.done || feed.errors.length > 0);
        expect(JSON.stringify(feed.errors), `after: ${after}`).toContain(code);
        expect(JSON.stringify(feed.errors)).not.toMatch(/select|postgres|ECONN/i);
        expect(feed.values).toEqual([]);
      }
      // The oldest cursor still retained resumes.
      const edge = watch(client, listChanged, { allianceId: demo.alliances.highway, after: String(newest) });
      const id = await publishNew('直播：保留边界之后');
      await eventually(async () => edge.values.some((v) => v.coBuildingListChanged.commitment?.id === id));
      expect(edge.errors).toEqual([]);
      edge.stop();
    } finally {
      await query(hub.databaseUrls.alliance, 'update event_retention set pruned_through = 0');
    }
  });

  it('closes a socket with 4403 when its token expires, ending what the token allowed', async () => {
    const shortLived = await tokenFor({ role: 'partner_editor', partnerId: demo.partners.trafficPolice }, 'test-short-lived', '3s');
    let closedWith: number | null = null;
    const feed = watch(
      connect(shortLived, (code) => {
        closedWith = code;
      }),
      listChanged,
      { allianceId: demo.alliances.highway },
    );
    await eventually(async () => (await metric(hub.gatewayUrl, 'hub_live_clients')) >= 1);
    expect(closedWith).toBeNull();
    await eventually(async () => closedWith !== null, 10_000);
    expect(closedWith).toBe(4403);
    await eventually(async () => feed.done);
  });

  it('keeps streams a new supergraph still serves running, re-planned, without the clients noticing', async () => {
    const feed = watch(connect(viewer), listChanged, { allianceId: demo.alliances.highway });
    await eventually(async () => (await metric(hub.gatewayUrl, 'hub_live_clients')) >= 1);
    const upstreamBefore = await metric(hub.gatewayUrl, 'hub_live_upstream_subscriptions_total');
    writeFileSync(supergraphPath, `${readFileSync(supergraphPath, 'utf8')}\n# recomposed\n`);
    await eventually(async () => (await metric(hub.gatewayUrl, 'hub_live_upstream_subscriptions_total')) > upstreamBefore, 10_000);
    const id = await publishNew('直播：重新组合之后');
    await eventually(async () => feed.values.some((v) => v.coBuildingListChanged.commitment?.id === id));
    expect(feed.errors).toEqual([]);
    expect(feed.done).toBe(false);
    feed.stop();
  });

  it('ends subscriptions that a new supergraph no longer serves, instead of leaving them hanging', async () => {
    const feed = watch(connect(viewer), 'subscription($a: ID!) { activityChanged(allianceId: $a) { cursor activityId } }', {
      a: demo.alliances.highway,
    });
    await eventually(async () => (await metric(hub.gatewayUrl, 'hub_live_clients')) >= 1);
    const renamed = readFileSync(supergraphPath, 'utf8')
      .replace('activityChanged(', 'activitiesChanged(')
      .replace('activityChange(', 'activitiesChange(');
    writeFileSync(supergraphPath, renamed);
    await eventually(async () => feed.done, 10_000);
    expect(JSON.stringify(feed.errors)).toContain('SCHEMA_CHANGED');
  });

  it('listens again when the alliance’s notification connection is cut, and keeps delivering', async () => {
    const feed = watch(connect(viewer), listChanged, { allianceId: demo.alliances.highway });
    await eventually(async () => (await metric(hub.subgraphUrls.alliance, listStreams)) >= 1);
    const listeners = async () =>
      (
        await query<{ pid: number }>(
          hub.databaseUrls.alliance,
          "select pid from pg_stat_activity where query ilike 'listen %' and datname = current_database()",
        )
      ).map((r) => r.pid);
    const [before] = await eventually(async () => {
      const pids = await listeners();
      return pids.length === 1 ? pids : null;
    });
    await query(hub.databaseUrls.alliance, 'select pg_terminate_backend($1)', [before]);
    await eventually(async () => {
      const pids = await listeners();
      return pids.length === 1 && pids[0] !== before;
    });
    const id = await publishNew('直播：通知连接恢复之后');
    await eventually(async () => feed.values.some((v) => v.coBuildingListChanged.commitment?.id === id));
    feed.stop();
  });
});

/** The live feed's cursor as a dashboard's query returns it. */
async function liveCursor(): Promise<string> {
  const response = await gql(hub.gatewayUrl, 'query($id: ID!) { alliance(id: $id) { liveCursor } }', { id: demo.alliances.highway });
  expect(response.errors).toBeUndefined();
  return response.data.alliance.liveCursor;
}

/** The cursors of the highway alliance's list events after `cursor`, as the alliance stored them. */
async function eventsAfter(cursor: string): Promise<string[]> {
  const rows = await query<{ seq: string }>(
    hub.databaseUrls.alliance,
    "select seq::text from alliance_event where alliance_id = $1 and topic = 'list' and seq > $2 order by seq",
    [demo.alliances.highway, cursor],
  );
  return rows.map((row) => row.seq);
}

async function query<Row>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}
