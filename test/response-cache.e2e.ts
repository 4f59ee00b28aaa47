import type { RunningStack } from '@hub/testkit';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { codes, demo, eventually, metric, startTestHub, tokenFor } from './support/hub.ts';
import { directCaller } from './support/live-client.ts';
import { CommitmentDesk, ok, people, signIn } from './support/publishing.ts';

/**
 * The gateway's shared answers (gateway/src/sharing): identical reads share one execution, and
 * published answers are kept until an event of their alliance arrives. Each answer says how it
 * was made in `x-hub-answer` (hit, joined, executed), which these tests read.
 */

const listQuery = /* GraphQL */ `
  query CachedList($id: ID!) {
    alliance(id: $id) {
      name
      coBuildingList(first: 100) {
        totalCount
        edges { node { __typename id title progress branch { name } ... on TrafficPoliceCommitment { roadSection } } }
      }
    }
  }
`;

interface Answer {
  status: number;
  outcome: string | null;
  body: any;
}

let hub: RunningStack;

async function read(query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const response = await fetch(hub.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, outcome: response.headers.get('x-hub-answer'), body: await response.json() };
}

const list = (allianceId: string, token?: string) => read(listQuery, { id: allianceId }, token);

/** Reads until the answer is kept (the first read after a drop runs; the next is a hit). */
async function warm(allianceId: string, token?: string): Promise<Answer> {
  return eventually(async () => {
    const answer = await list(allianceId, token);
    return answer.outcome === 'hit' ? answer : null;
  }, 20_000);
}

function titles(answer: Answer): string[] {
  return answer.body.data.alliance.coBuildingList.edges.map((edge: any) => edge.node.title).sort();
}

beforeAll(async () => {
  hub = await startTestHub(4460);
});

afterAll(async () => {
  await hub?.stop();
});

describe('kept answers follow the alliances’ events exactly', () => {
  it('answers a repeated anonymous read from the cache, byte for byte', async () => {
    const first = await warm(demo.alliances.highway);
    const again = await list(demo.alliances.highway);
    expect(again.outcome).toBe('hit');
    expect(again.body).toEqual(first.body);
    expect(first.body.data.alliance.coBuildingList.totalCount).toBeGreaterThan(5);
  });

  it('drops exactly the changed alliance’s answers before a partner’s change (through the outbox, another gateway) is announced live', async () => {
    const police = directCaller(hub, 'traffic-police', {
      subject: 'police-editor',
      role: 'partner_editor',
      partnerId: demo.partners.trafficPolice,
      name: '林海',
    });
    const desk = new CommitmentDesk(police, 'TRAFFIC_POLICE');
    // Published through the partner subgraph directly: this gateway sees no mutation, only the event.
    const item = await desk.publishNew(demo.alliances.highway, {
      title: '缓存测试 · 初版',
      category: 'WORK_LINKAGE',
      startDate: '2026-09-01',
      dueDate: '2026-12-31',
    });
    await eventually(async () => titles(await list(demo.alliances.highway)).includes('缓存测试 · 初版') || null, 20_000);
    await warm(demo.alliances.highway);
    await warm(demo.alliances.tangyuan);

    // Each change, the moment it is announced, is already in the answer: never one event behind.
    const seen: { cursor: string; answer: Answer }[] = [];
    const client = createClient({ url: hub.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const reads: Promise<void>[] = [];
    const subscription = client.iterate<{ coBuildingListChanged: { cursor: string; commitmentId: string } }>({
      query: `subscription { coBuildingListChanged(allianceId: "${demo.alliances.highway}") { cursor commitmentId } }`,
    });
    const following = (async () => {
      for await (const event of subscription) {
        const change = event.data?.coBuildingListChanged;
        if (change && change.commitmentId === item.id) {
          const { cursor } = change;
          reads.push(list(demo.alliances.highway).then((answer) => void seen.push({ cursor, answer })));
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the subscription is open at the alliance
    let version = item.version;
    const versions = 6;
    for (let n = 1; n <= versions; n += 1) {
      const updated = ok(await desk.update(item.id, version, { title: `缓存测试 · 第${n}版` }));
      version = updated.version;
      await eventually(async () => seen.length >= n || null, 20_000);
      await Promise.all(reads);
      const latest = seen[seen.length - 1]!.answer;
      expect(latest.outcome).not.toBe('hit');
      expect(titles(latest)).toContain(`缓存测试 · 第${n}版`);
    }
    await subscription.return?.();
    await following;
    await client.dispose();

    // The other alliance's kept answer was never dropped.
    expect((await list(demo.alliances.tangyuan)).outcome).toBe('hit');
  });

  it('shows a write made through this gateway to the very next read (read your writes)', async () => {
    const editor = await signIn(hub.gatewayUrl, people.policeEditor);
    const desk = new CommitmentDesk(editor, 'TRAFFIC_POLICE');
    const mine = ok(await desk.mine()).find((c: any) => c.title.startsWith('缓存测试'));
    await warm(demo.alliances.highway);
    ok(await desk.update(mine.id, mine.version, { title: '缓存测试 · 经网关修改' }));
    const next = await list(demo.alliances.highway);
    expect(next.outcome).toBe('executed');
    expect(titles(next)).toContain('缓存测试 · 经网关修改');
  });
});

describe('answers are shared only within one visibility', () => {
  it('never answers another role or partner from an answer kept for anonymous callers', async () => {
    await warm(demo.alliances.highway);
    const viewer = await tokenFor(people.viewer);
    expect((await list(demo.alliances.highway, viewer)).outcome).toBe('executed');
    const editor = await tokenFor(people.policeEditor);
    const coordinator = await tokenFor(people.coordinator);
    for (const token of [editor, coordinator]) {
      // Editors and coordinators see drafts and personal data: their answers are never kept.
      expect((await list(demo.alliances.highway, token)).outcome).toBe('executed');
      expect((await list(demo.alliances.highway, token)).outcome).toBe('executed');
    }
  });

  it('keeps an editor’s drafts out of every other caller’s answers', async () => {
    const editor = await signIn(hub.gatewayUrl, people.policeEditor);
    const desk = new CommitmentDesk(editor, 'TRAFFIC_POLICE');
    const draft = ok(
      await desk.create(demo.alliances.highway, {
        title: '缓存测试 · 草稿',
        category: 'WORK_LINKAGE',
        startDate: '2026-09-01',
        dueDate: '2026-12-31',
      }),
    );
    const query = 'query Mine { trafficPolice { myCommitments { id title } } }';
    const asEditor = await read(query, {}, editor.token);
    expect(asEditor.body.data.trafficPolice.myCommitments.map((c: any) => c.id)).toContain(draft.id);
    const otherEditor = await read(query, {}, await tokenFor(people.enforcementEditor));
    expect(JSON.stringify(otherEditor.body)).not.toContain(draft.id);
    const anonymous = await read(query, {});
    expect(JSON.stringify(anonymous.body)).not.toContain(draft.id);
    expect(codes({ status: anonymous.status, errors: anonymous.body.errors })).toContain('UNAUTHENTICATED');
    expect(titles(await list(demo.alliances.highway))).not.toContain('缓存测试 · 草稿');
  });

  it('gives identical reads sent at once one and the same answer', async () => {
    const editor = await signIn(hub.gatewayUrl, people.policeEditor);
    const desk = new CommitmentDesk(editor, 'TRAFFIC_POLICE');
    const mine = ok(await desk.mine()).find((c: any) => c.title.startsWith('缓存测试 · 经网关'));
    ok(await desk.update(mine.id, mine.version, { title: '缓存测试 · 并发' })); // drops what was kept
    const answers = await Promise.all(Array.from({ length: 20 }, () => list(demo.alliances.highway)));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.every((a) => ['executed', 'joined', 'hit'].includes(a.outcome ?? ''))).toBe(true);
    expect(titles(answers[0]!)).toContain('缓存测试 · 并发');
  });
});

describe('failures are never kept', () => {
  it('does not keep a partial answer while a partner subgraph is down, and keeps the whole one once it is back', async () => {
    await hub.stopService('university');
    try {
      const editor = await signIn(hub.gatewayUrl, people.policeEditor);
      const mine = ok(await new CommitmentDesk(editor, 'TRAFFIC_POLICE').mine()).find((c: any) => c.title.startsWith('缓存测试'));
      ok(await new CommitmentDesk(editor, 'TRAFFIC_POLICE').update(mine.id, mine.version, { title: '缓存测试 · 故障中' }));
      for (let i = 0; i < 3; i += 1) {
        const partial = await list(demo.alliances.highway);
        expect(partial.outcome).toBe('executed');
        expect(codes({ status: partial.status, errors: partial.body.errors })).toContain('SUBGRAPH_UNAVAILABLE');
      }
    } finally {
      await hub.startService('university');
    }
    const whole = await warm(demo.alliances.highway);
    expect(whole.body.errors).toBeUndefined();
  });

  it('keeps nothing while the alliance’s event feed is lost, and keeps again once it is followed', async () => {
    await warm(demo.alliances.highway);
    expect(await metric(hub.gatewayUrl, 'hub_response_cache_answers')).toBeGreaterThan(0);
    await hub.stopService('alliance');
    try {
      await eventually(async () => (await metric(hub.gatewayUrl, 'hub_response_cache_answers')) === 0, 10_000);
    } finally {
      await hub.startService('alliance');
    }
    const back = await warm(demo.alliances.highway);
    expect(back.body.errors).toBeUndefined();
  });
});
