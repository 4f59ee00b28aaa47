import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestHub } from './support/hub.ts';
import {
  allianceStats,
  type Caller,
  CommitmentDesk,
  foundAlliance,
  ok,
  outcome,
  partnersOf,
  people,
  signIn,
  sql,
  untilListed,
} from './support/publishing.ts';

/**
 * What the wall's overview board reads of the alliance, on a whole hub: the joint list's burn-up
 * (`completionOverTime`: per week on the hub's days, cumulative, withdrawn items left out, its last
 * week the statistics' figures) and where the members are (`AllianceMember.location`, set by the
 * coordinator when admitting a partner, checked to WGS 84's ranges; the demo's seeded).
 */

const port = 5730;
let hub: RunningStack;
let coordinator: Caller;

const burnUp = /* GraphQL */ `query($id: ID!) { alliance(id: $id) { completionOverTime { week listed completed } } }`;

async function completionOverTime(allianceId: string): Promise<{ week: string; listed: number; completed: number }[]> {
  return ok(await outcome(coordinator, ['alliance', 'completionOverTime'], burnUp, { id: allianceId }));
}

/** The Monday of the hub's (China Standard Time) week `at` falls in, as YYYY-MM-DD. */
function hubMonday(at: Date): string {
  const shanghai = new Date(at.getTime() + 8 * 3600_000);
  const sinceMonday = (shanghai.getUTCDay() + 6) % 7;
  return new Date(shanghai.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

const admitWith = (allianceId: string, member: keyof typeof partnersOf, location: Record<string, unknown>) =>
  outcome(
    coordinator,
    ['admitPartner'],
    `mutation($allianceId: ID!, $input: AdmitPartnerInput!) { admitPartner(allianceId: $allianceId, input: $input) { partnerId location { longitude latitude place } } }`,
    {
      allianceId,
      input: { partnerId: partnersOf[member].partnerId, kind: partnersOf[member].kind, name: partnersOf[member].name, ...location },
    },
  );

const membersOf = async (allianceId: string) =>
  ok(
    await outcome(
      coordinator,
      ['alliance', 'members'],
      `query($id: ID!) { alliance(id: $id) { members { partnerId location { longitude latitude place } } } }`,
      {
        id: allianceId,
      },
    ),
  ) as { partnerId: string; location: { longitude: number; latitude: number; place: string | null } | null }[];

beforeAll(async () => {
  hub = await startTestHub(port, { env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000' } });
  coordinator = await signIn(hub.gatewayUrl, people.coordinator);
});

afterAll(async () => {
  await hub?.stop();
});

describe('completionOverTime', () => {
  it('counts per week since the founding, on the hub’s days, cumulative, withdrawn items left out', async () => {
    const allianceId = await foundAlliance(coordinator, '燃尽图测试联盟', ['widening', 'ninghai']);
    const empty = await completionOverTime(allianceId);
    // Founded on Sunday 2026-03-01: its week starts on Monday 2026-02-23; the last is this week.
    expect(empty[0]?.week).toBe('2026-02-23');
    expect(empty.at(-1)?.week).toBe(hubMonday(new Date()));
    for (const [index, point] of empty.entries()) {
      expect(point.week).toBe(new Date(Date.parse('2026-02-23') + index * 7 * 86_400_000).toISOString().slice(0, 10));
      expect([point.listed, point.completed]).toEqual([0, 0]);
    }

    const widening = new CommitmentDesk(await signIn(hub.gatewayUrl, people.wideningEditor), 'ENTERPRISE');
    const ninghai = new CommitmentDesk(await signIn(hub.gatewayUrl, people.ninghaiEditor), 'TOWN_VILLAGE');
    const base = { category: 'WORK_LINKAGE', startDate: '2026-03-01', dueDate: '2027-06-30' };
    const first = await widening.publishNew(allianceId, { ...base, title: '高边坡联合攻关' });
    const second = await widening.publishNew(allianceId, { ...base, title: '保通方案联合评审' });
    const third = await ninghai.publishNew(allianceId, { ...base, title: '坟墓迁移' });
    const withdrawn = await ninghai.publishNew(allianceId, { ...base, title: '管线迁改（撤回）' });
    const done = ok(await widening.complete(first.id, first.version));
    ok(await ninghai.withdraw(withdrawn.id, withdrawn.version, '并入其他事项'));
    await untilListed(coordinator, allianceId, done.id, (node) => node.status === 'COMPLETED');
    await untilListed(coordinator, allianceId, withdrawn.id, (node) => node.status === 'WITHDRAWN');
    await untilListed(coordinator, allianceId, third.id);

    // All published this week: every earlier week is empty, this one has them.
    const now = await completionOverTime(allianceId);
    expect(now.length).toBe(empty.length);
    expect(now.slice(0, -1).every((point) => point.listed === 0 && point.completed === 0)).toBe(true);
    expect(now.at(-1)).toEqual({ week: hubMonday(new Date()), listed: 3, completed: 1 });
    const stats = ok(await allianceStats(coordinator, allianceId));
    expect([now.at(-1)?.listed, now.at(-1)?.completed]).toEqual([stats.overall.total, stats.overall.completed]);

    // Dated back in the index: a week ends on Sunday at midnight in China, 16:00 UTC.
    const at = (id: string, published: string, completed: string | null) =>
      sql(hub.databaseUrls.alliance, 'update commitment_index set published_at = $2, completed_at = $3 where id = $1', [
        id,
        published,
        completed,
      ]);
    await at(first.id, '2026-03-01T16:30:00Z', '2026-03-15T15:59:00Z'); // Mon 3-02 00:30, done Sun 3-15 23:59 (week of 3-09)
    await at(second.id, '2026-03-01T15:59:00Z', null); // Sun 3-01 23:59: the founding week
    await at(third.id, '2026-03-08T16:00:00Z', null); // Mon 3-09 00:00
    await at(withdrawn.id, '2026-02-23T01:00:00Z', null);
    const dated = await completionOverTime(allianceId);
    const byWeek = new Map(dated.map((point) => [point.week, [point.listed, point.completed]]));
    expect(byWeek.get('2026-02-23')).toEqual([1, 0]);
    expect(byWeek.get('2026-03-02')).toEqual([2, 0]);
    expect(byWeek.get('2026-03-09')).toEqual([3, 1]);
    expect(byWeek.get('2026-03-16')).toEqual([3, 1]);
    expect(dated.at(-1)).toEqual({ week: hubMonday(new Date()), listed: 3, completed: 1 });
  });

  it('starts at the first item’s week when the alliance has no founding date, and is empty before anything', async () => {
    const created = ok(
      await outcome(coordinator, ['createAlliance'], `mutation($input: AllianceInput!) { createAlliance(input: $input) { id } }`, {
        input: { name: '无成立日期联盟', coordinatorName: '两新工委' },
      }),
    );
    expect(await completionOverTime(created.id)).toEqual([{ week: hubMonday(new Date()), listed: 0, completed: 0 }]);
  });

  it('matches the demo alliance’s statistics in its last week', async () => {
    const points = await completionOverTime(demo.alliances.highway);
    const stats = ok(await allianceStats(coordinator, demo.alliances.highway));
    expect(points.length).toBeGreaterThan(1);
    expect([points.at(-1)?.listed, points.at(-1)?.completed]).toEqual([stats.overall.total, stats.overall.completed]);
    for (const [index, point] of points.entries()) {
      expect(point.completed).toBeLessThanOrEqual(point.listed);
      expect(point.listed).toBeGreaterThanOrEqual(points[index - 1]?.listed ?? 0);
      expect(point.completed).toBeGreaterThanOrEqual(points[index - 1]?.completed ?? 0);
    }
  });
});

describe('members’ locations', () => {
  it('are set when admitting, in range or refused as BAD_USER_INPUT naming the field, writing nothing', async () => {
    const allianceId = await foundAlliance(coordinator, '地图测试联盟', []);
    const refusals = [
      [{ longitude: 181, latitude: 29.3 }, 'longitude'],
      [{ longitude: -180.5, latitude: 29.3 }, 'longitude'],
      [{ longitude: 121.4, latitude: 90.01 }, 'latitude'],
      [{ longitude: 121.4, latitude: -91 }, 'latitude'],
      [{ longitude: 121.4 }, 'latitude'],
      [{ latitude: 29.3 }, 'longitude'],
      [{ place: '宁海县' }, 'longitude'],
    ] as const;
    for (const [location, field] of refusals) {
      const refused = await admitWith(allianceId, 'widening', location);
      expect(refused.codes, JSON.stringify(location)).toEqual(['BAD_USER_INPUT']);
      expect(refused.response.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(await membersOf(allianceId)).toEqual([]);

    const admitted = ok(await admitWith(allianceId, 'widening', { longitude: 121.392, latitude: 29.262, place: ' 宁海县 ' }));
    expect(admitted.location).toEqual({ longitude: 121.392, latitude: 29.262, place: '宁海县' });
    ok(await admitWith(allianceId, 'ninghai', { longitude: -180, latitude: 90 }));
    ok(await admitWith(allianceId, 'institute', {}));
    const members = new Map((await membersOf(allianceId)).map((member) => [member.partnerId, member.location]));
    expect(members.get(partnersOf.widening.partnerId)).toEqual({ longitude: 121.392, latitude: 29.262, place: '宁海县' });
    expect(members.get(partnersOf.ninghai.partnerId)).toEqual({ longitude: -180, latitude: 90, place: null });
    expect(members.get(partnersOf.institute.partnerId)).toBeNull();
  });

  it('are seeded for the demo alliances’ members, in 宁海, Hangzhou and 白琳镇', async () => {
    const highway = await membersOf(demo.alliances.highway);
    expect(highway.length).toBe(5);
    for (const member of highway) {
      const { longitude, latitude } = member.location ?? { longitude: 0, latitude: 0 };
      const inNinghai = Math.abs(longitude - 121.43) < 0.1 && Math.abs(latitude - 29.29) < 0.1;
      const inHangzhou = Math.abs(longitude - 120.15) < 0.1 && Math.abs(latitude - 30.27) < 0.1;
      expect(inNinghai || inHangzhou, member.partnerId).toBe(true);
    }
    expect(highway.find((member) => member.partnerId === demo.partners.institute)?.location?.latitude).toBeCloseTo(30.27, 1);
    for (const member of await membersOf(demo.alliances.tangyuan)) {
      expect(member.location?.longitude).toBeCloseTo(120.12, 1);
      expect(member.location?.latitude).toBeCloseTo(27.25, 1);
    }
  });
});
