import { hubDay } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLargeAlliance } from './support/bulk.ts';
import { codes, demo, gql, metric, startTestHub } from './support/hub.ts';

const jointList = /* GraphQL */ `
  query JointList($id: ID!, $filter: CoBuildingListFilter, $first: Int, $after: String) {
    alliance(id: $id) {
      name
      coBuildingList(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node {
            __typename id title category status progress dueDate partnerId
            branch { name memberCount }
            ... on EnterpriseCommitment { project site pioneerPosts responsibilityZones }
            ... on TownVillageCommitment { village householdsServed landAcquisitionTasks }
            ... on UniversityCommitment { institute researchTopic }
            ... on TrafficPoliceCommitment { roadSection guarantees jointActions }
          }
        }
      }
    }
  }
`;

let hub: RunningStack;
let url: string;

beforeAll(async () => {
  hub = await startTestHub(4100);
  url = hub.gatewayUrl;
});

afterAll(async () => {
  await hub?.stop();
});

async function fullList(variables: Record<string, unknown> = {}) {
  const response = await gql(url, jointList, { id: demo.alliances.highway, first: 100, ...variables });
  expect(response.errors).toBeUndefined();
  return response.data.alliance.coBuildingList;
}

describe('the joint co-building list at the gateway', () => {
  it('answers in one query with every partner kind’s own fields and the responsible branch', async () => {
    const list = await fullList();
    const byType = new Map<string, any>(list.edges.map((edge: any) => [edge.node.__typename, edge.node]));
    expect([...byType.keys()].sort()).toEqual([
      'EnterpriseCommitment',
      'TownVillageCommitment',
      'TrafficPoliceCommitment',
      'UniversityCommitment',
    ]);
    const police = list.edges.find((e: any) => e.node.title === '施工路段“九方六保”联勤联动').node;
    expect(police).toMatchObject({
      roadSection: 'G15沈海高速宁海段 K1498—K1523',
      guarantees: ['SAFETY', 'TRAFFIC_FLOW'],
      jointActions: ['COMMAND_RESPONSE'],
      branch: { name: '宁海高速交警大队党支部', memberCount: 23 },
      status: 'IN_PROGRESS',
      progress: 60,
    });
    expect(byType.get('TownVillageCommitment').village).toBeTruthy();
    expect(byType.get('UniversityCommitment').institute).toBe('建筑工程学院交通工程研究所');
    expect(byType.get('EnterpriseCommitment').project).toBe('沈海高速宁海段改扩建工程');
  });

  it('lists only published items: a partner’s draft stays out of the joint list', async () => {
    const list = await fullList();
    expect(list.edges.map((e: any) => e.node.title)).not.toContain('春运期间施工区保畅预案（草稿）');
    expect(list.edges.every((e: any) => e.node.status !== 'DRAFT')).toBe(true);
    expect(list.totalCount).toBe(list.edges.length);
  });

  it('sorts by due date, items without one last', async () => {
    const dates: string[] = (await fullList()).edges.map((e: any) => e.node.dueDate);
    expect(dates).toEqual([...dates].sort());
  });

  it('filters by status, category and partner, alone and together', async () => {
    const completed = await fullList({ filter: { status: ['COMPLETED'] } });
    expect(completed.totalCount).toBeGreaterThan(0);
    expect(completed.edges.every((e: any) => e.node.status === 'COMPLETED')).toBe(true);

    const theory = await fullList({ filter: { category: ['THEORY_STUDY'] } });
    expect(theory.edges.every((e: any) => e.node.category === 'THEORY_STUDY')).toBe(true);

    const police = await fullList({ filter: { partnerId: [demo.partners.trafficPolice], status: ['IN_PROGRESS', 'PUBLISHED'] } });
    expect(police.totalCount).toBe(3);
    expect(police.edges.every((e: any) => e.node.partnerId === demo.partners.trafficPolice && e.node.status !== 'COMPLETED')).toBe(true);

    const overdue = await fullList({ filter: { overdue: true } });
    const today = hubDay(new Date());
    expect(overdue.totalCount).toBeGreaterThan(0);
    expect(overdue.edges.every((e: any) => e.node.dueDate < today && !['COMPLETED', 'WITHDRAWN'].includes(e.node.status))).toBe(true);
  });

  it('pages with cursors: pages do not overlap and together give the whole list in order', async () => {
    const whole = await fullList();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = await fullList({ first: 4, after });
      expect(page.totalCount).toBe(whole.totalCount);
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(Math.ceil(whole.totalCount / 4));
    expect(seen).toEqual(whole.edges.map((e: any) => e.node.id));
  });

  it('refuses a forged cursor and an oversized page with BAD_USER_INPUT', async () => {
    const forged = await gql(url, jointList, { id: demo.alliances.highway, after: 'not-a-cursor' });
    expect(codes(forged)).toEqual(['BAD_USER_INPUT']);
    const huge = await gql(url, jointList, { id: demo.alliances.highway, first: 1001 });
    expect(codes(huge)).toEqual(['BAD_USER_INPUT']);
    expect(huge.errors?.[0]?.message).toContain('first must be from 1 to 1000');
  });

  it('shows the partners with branches and party groups, the agreement and the joint activities', async () => {
    const response = await gql(
      url,
      `query($id: ID!) { alliance(id: $id) {
        members { name kind liaison { name } partner { __typename name branches { name secretary groups { name memberCount } } } }
        agreement { title signedOn signatories { organization } terms }
        activities { __typename title type host: hostPartnerId invitedPartners { __typename id name } }
      } }`,
      { id: demo.alliances.highway },
    );
    expect(response.errors).toBeUndefined();
    const alliance = response.data.alliance;
    expect(alliance.members).toHaveLength(5);
    expect(new Set(alliance.members.map((m: any) => m.kind))).toEqual(
      new Set(['ENTERPRISE', 'TOWN_VILLAGE', 'UNIVERSITY', 'TRAFFIC_POLICE']),
    );
    const police = alliance.members.find(
      (m: any) => m.partner.__typename === 'TrafficPolicePartner' && m.name === '省高速交警支队宁海大队',
    );
    expect(police.partner.branches[0].groups.map((g: any) => g.name)).toContain('一中队党小组');
    expect(alliance.agreement.signatories).toHaveLength(5);
    const inspection = alliance.activities.find((a: any) => a.type === 'JOINT_INSPECTION');
    expect(inspection.__typename).toBe('TrafficPoliceActivity');
    expect(inspection.host).toBe(demo.partners.trafficPolice);
    expect(inspection.invitedPartners.map((p: any) => p.name).sort()).toEqual(
      ['宁海高速公路路政执法大队', '沈海高速宁海段改扩建工程项目部'].sort(),
    );
  });

  it('still answers with the other partners’ items when one partner subgraph is down, naming the missing part', async () => {
    const whole = await gql(url, jointList, { id: demo.alliances.highway, first: 100 });
    await hub.stopService('traffic-police');
    try {
      // Nothing changed, so the gateway's kept answer is still the whole list (ADR 0010)…
      expect(await gql(url, jointList, { id: demo.alliances.highway, first: 100 })).toEqual(whole);
      // …while an answer it must work out now lacks the partner's part, and says so.
      const response = await gql(url, jointList, { id: demo.alliances.highway, first: 99 });
      expect(response.status).toBe(200);
      const edges = response.data.alliance.coBuildingList.edges;
      const present = edges.filter((e: any) => e.node !== null);
      const missing = edges.filter((e: any) => e.node === null);
      expect(present.length).toBeGreaterThan(0);
      expect(present.some((e: any) => e.node.__typename === 'TrafficPoliceCommitment')).toBe(false);
      expect(new Set(present.map((e: any) => e.node.__typename)).size).toBe(3);
      expect(missing.length).toBe(5);
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'traffic-police' });
      expect(response.errors?.[0]?.message).toContain('traffic-police');
    } finally {
      await hub.startService('traffic-police');
    }
    const again = await gql(url, jointList, { id: demo.alliances.highway, first: 100 });
    expect(again.errors).toBeUndefined();
  });

  it('costs the same number of SQL statements for 10 and for 1,000 items (no N+1)', async () => {
    const services = Object.values(hub.subgraphUrls);
    const statementsFor = async (allianceId: string, first: number) => {
      const before = await Promise.all(services.map((s) => metric(s, 'hub_sql_statements_total')));
      const response = await gql(url, jointList, { id: allianceId, first });
      expect(response.errors).toBeUndefined();
      expect(response.data.alliance.coBuildingList.edges.every((e: any) => e.node?.branch?.name)).toBe(true);
      const after = await Promise.all(services.map((s) => metric(s, 'hub_sql_statements_total')));
      return {
        items: response.data.alliance.coBuildingList.edges.length,
        statements: after.reduce((sum, n, i) => sum + n - (before[i] ?? 0), 0),
      };
    };
    const small = await statementsFor(await seedLargeAlliance(hub, 10), 1000);
    const large = await statementsFor(await seedLargeAlliance(hub, 1000), 1000);
    expect(small.items).toBe(10);
    expect(large.items).toBe(1000);
    console.log(`SQL statements per joint-list query: ${small.statements} at 10 items, ${large.statements} at 1,000 items`);
    expect(large.statements).toBe(small.statements);
  });
});
