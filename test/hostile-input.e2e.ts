import { stableId } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestHub } from './support/hub.ts';
import {
  type Caller,
  CommitmentDesk,
  foundAlliance,
  jointList,
  listedItems,
  type Outcome,
  ok,
  people,
  signIn,
  sql,
  storedTrail,
  untilListed,
  untilRelayed,
} from './support/publishing.ts';

/**
 * Hostile and careless input: every invalid value is refused with a stable code and a message
 * naming the problem, and a refused or lost write leaves nothing behind — no row, no history,
 * no outbox event. Two edits at the same version: exactly one wins.
 */

let hub: RunningStack;
let alliance: string;
let anonymous: Caller;
let coordinator: Caller;
let police: CommitmentDesk;

const enforcementBranch = stableId('branch/highway-law-enforcement');

beforeAll(async () => {
  hub = await startTestHub(4140);
  const url = hub.gatewayUrl;
  anonymous = await signIn(url, null);
  coordinator = await signIn(url, people.coordinator);
  police = new CommitmentDesk(await signIn(url, people.policeEditor), 'TRAFFIC_POLICE');
  alliance = await foundAlliance(coordinator, '异常输入联盟', ['trafficPolice', 'lawEnforcement', 'widening']);
});

afterAll(async () => {
  await hub?.stop();
});

const policeDb = () => hub.databaseUrls['traffic-police'];

async function policeRows(): Promise<Record<string, number>> {
  const [row] = await sql(
    policeDb(),
    `select (select count(*) from commitment) as commitments, (select count(*) from commitment_change) as changes,
       (select count(*) from outbox) as outbox, (select count(*) from progress_report) as reports,
       (select count(*) from joint_activity) as activities`,
  );
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
}

/** A published police item, relayed to the joint list, and what its database holds. */
async function publishedItem(title: string) {
  const item = await police.publishNew(alliance, { title, category: 'WORK_LINKAGE', startDate: '2026-11-01', dueDate: '2026-12-31' });
  await untilListed(anonymous, alliance, item.id);
  await untilRelayed(hub);
  return item;
}

describe('a new commitment with invalid fields', () => {
  const valid = { title: '施工区联合巡查', category: 'WORK_LINKAGE' };
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['an empty title', { title: '' }, /title/],
    ['a title of only spaces', { title: '   ' }, /title/],
    ['a title of 10,000 characters', { title: '联'.repeat(10_000) }, /title/],
    ['a title one character too long (201)', { title: '联'.repeat(201) }, /title/],
    ['no category', { category: null }, /category/],
    ['an unknown category', { category: 'PARTY_FUN' }, /Category/],
    ['an unknown 九方六保 guarantee', { guarantees: ['SAFETY', 'EVERYTHING'] }, /Guarantee/],
    ['a due date before the start', { startDate: '2026-12-01', dueDate: '2026-11-30' }, /dueDate/],
    ['a date that does not exist', { dueDate: '2026-02-30' }, /dueDate|Date/],
    ['a date that is not a date', { dueDate: 'next Friday' }, /dueDate|Date/],
    ['a malformed branch id', { branchId: "1' or '1'='1" }, /branchId/],
    ['another partner’s branch', { branchId: enforcementBranch }, /branchId/],
    ['a description of 5,001 characters', { description: 'x'.repeat(5001) }, /description/],
  ];

  it.each(cases)('is refused for %s: BAD_USER_INPUT, nothing written', async (_name, input, mentions) => {
    const before = await policeRows();
    const result = await police.create(alliance, { ...valid, ...input });
    expect(result.codes).toEqual(['BAD_USER_INPUT']);
    expect(result.messages[0]).toMatch(mentions);
    expect(result.item).toBeNull();
    expect(await policeRows()).toEqual(before);
  });

  it('is refused for a malformed, an unknown or a foreign alliance id: BAD_USER_INPUT, nothing written', async () => {
    const before = await policeRows();
    for (const allianceId of [
      'not-an-id',
      "'; delete from commitment; --",
      '00000000-0000-4000-8000-00000000beef',
      demo.alliances.tangyuan,
    ]) {
      const result = await police.create(allianceId, valid);
      expect(result.codes, allianceId).toEqual(['BAD_USER_INPUT']);
      expect(result.messages[0], allianceId).toMatch(/alliance|allianceId|member/i);
    }
    expect(await policeRows()).toEqual(before);
  });

  it('is refused for an unknown enum literal written into the query, as GRAPHQL_VALIDATION_FAILED', async () => {
    const before = await policeRows();
    const response = await police.caller.request(
      `mutation($a: ID!) { trafficPolice { createCommitment(allianceId: $a, input: { title: "x", category: PARTY_FUN }) { id } } }`,
      { a: alliance },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0]?.message).toContain('PARTY_FUN');
    expect(await policeRows()).toEqual(before);
  });

  it('keeps hostile-looking text verbatim and harmless, trims spaces, and takes a title of exactly 200 characters', async () => {
    const injection = `'); drop table commitment; --`;
    const markup = '<script>alert("党建")</script>';
    const item = await police.publishNew(alliance, { title: `  ${injection}  `, description: markup, category: 'INTEGRITY' });
    expect(item.title).toBe(injection);
    expect(item.description).toBe(markup);
    const longest = '联'.repeat(200);
    const long = await police.publishNew(alliance, { title: longest, category: 'INTEGRITY' });
    expect(long.title).toBe(longest);
    expect((await untilListed(anonymous, alliance, item.id)).title).toBe(injection);
    expect((await untilListed(anonymous, alliance, long.id)).title).toBe(longest);
  });
});

describe('an invalid change to a published commitment', () => {
  let item: any;
  const attempts: [string, () => Promise<Outcome>, string][] = [
    ['progress above 100', () => police.report(item.id, item.version, { percent: 101, text: '超额完成' }), 'BAD_USER_INPUT'],
    ['negative progress', () => police.report(item.id, item.version, { percent: -1, text: '倒退' }), 'BAD_USER_INPUT'],
    ['fractional progress', () => police.report(item.id, item.version, { percent: 50.5, text: '一半多' }), 'BAD_USER_INPUT'],
    ['progress given as text', () => police.report(item.id, item.version, { percent: '50', text: '一半' }), 'BAD_USER_INPUT'],
    ['an empty progress text', () => police.report(item.id, item.version, { percent: 50, text: ' ' }), 'BAD_USER_INPUT'],
    [
      'a javascript: evidence link',
      () => police.report(item.id, item.version, { percent: 50, text: '佐证', evidence: [{ label: '照片', url: 'javascript:alert(1)' }] }),
      'BAD_USER_INPUT',
    ],
    [
      'an evidence link that is not a URL',
      () => police.report(item.id, item.version, { percent: 50, text: '佐证', evidence: [{ label: '照片', url: '见附件' }] }),
      'BAD_USER_INPUT',
    ],
    [
      '21 evidence links',
      () =>
        police.report(item.id, item.version, {
          percent: 50,
          text: '佐证',
          evidence: Array.from({ length: 21 }, (_, i) => ({ label: `照片${i}`, url: `https://example.org/${i}.jpg` })),
        }),
      'BAD_USER_INPUT',
    ],
    ['a due date before the start', () => police.update(item.id, item.version, { dueDate: '2026-10-31' }), 'BAD_USER_INPUT'],
    ['an empty title', () => police.update(item.id, item.version, { title: '' }), 'BAD_USER_INPUT'],
    ['a title of 10,000 characters', () => police.update(item.id, item.version, { title: '改'.repeat(10_000) }), 'BAD_USER_INPUT'],
    ['an unknown category', () => police.update(item.id, item.version, { category: 'PARTY_FUN' }), 'BAD_USER_INPUT'],
    ['a date that does not exist', () => police.update(item.id, item.version, { dueDate: '2026-13-01' }), 'BAD_USER_INPUT'],
    ['a withdrawal without a reason', () => police.withdraw(item.id, item.version, '   '), 'BAD_USER_INPUT'],
    ['a malformed id', () => police.update('42 or 1=1', item.version, { title: '改' }), 'BAD_USER_INPUT'],
    ['an id that names nothing', () => police.update('00000000-0000-4000-8000-00000000dead', item.version, { title: '改' }), 'NOT_FOUND'],
    ['a stale version', () => police.update(item.id, item.version - 1, { title: '旧版本上的修改' }), 'CONFLICT'],
    ['a version from the future', () => police.complete(item.id, item.version + 5), 'CONFLICT'],
  ];

  beforeAll(async () => {
    item = await publishedItem('交通保通方案联合审批');
  });

  it.each(attempts)('is refused for %s, and leaves version, history and outbox as they were', async (_name, attempt, code) => {
    const before = await storedTrail(policeDb(), item.id);
    const result = await attempt();
    expect(result.codes).toEqual([code]);
    expect(result.messages[0]?.length).toBeGreaterThan(0);
    expect(await storedTrail(policeDb(), item.id)).toEqual(before);
    const read = ok(await police.read(item.id));
    expect(read.version).toBe(item.version);
    expect(read.history).toHaveLength(before.history);
  });

  it('leaves the joint list’s copy as it was too', async () => {
    const listed = (await listedItems(anonymous, alliance)).find((node) => node.id === item.id);
    expect(listed).toMatchObject({ title: '交通保通方案联合审批', status: 'PUBLISHED', progress: 0, version: item.version });
  });
});

describe('two edits of one commitment at the same version', () => {
  it('let exactly one win; the other gets CONFLICT and leaves no history row and no outbox event', async () => {
    const item = await publishedItem('并发编辑的事项');
    for (let round = 1; round <= 3; round += 1) {
      const current = ok(await police.read(item.id));
      const before = await storedTrail(policeDb(), item.id);
      const titles = [`甲的修改 ${round}`, `乙的修改 ${round}`];
      const results = await Promise.all(titles.map((title) => police.update(item.id, current.version, { title })));
      const winners = results.filter((r) => r.codes.length === 0);
      const losers = results.filter((r) => r.codes.length > 0);
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(
        losers.map((r) => r.codes),
        `round ${round}`,
      ).toEqual([['CONFLICT']]);
      const winner = ok(winners[0]!);
      const after = await storedTrail(policeDb(), item.id);
      expect(after.row).toMatchObject({ title: winner.title, version: current.version + 1 });
      expect(after.history - before.history).toBe(1);
      expect(after.outbox - before.outbox).toBe(1);
    }
    const final = ok(await police.read(item.id));
    await untilListed(anonymous, alliance, item.id, (node) => node.version === final.version && node.title === final.title);
  });

  it('let exactly one of progress, completion and withdrawal win, with no half-written report', async () => {
    const item = await publishedItem('并发推进的事项');
    const before = await storedTrail(policeDb(), item.id);
    const results = await Promise.all([
      police.report(item.id, item.version, { percent: 60, text: '推进过半', figures: [{ label: '检查', value: 3, unit: '次' }] }),
      police.complete(item.id, item.version),
      police.withdraw(item.id, item.version, '并入其他事项'),
    ]);
    const winners = results.filter((r) => r.codes.length === 0);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.codes.length > 0).map((r) => r.codes)).toEqual([['CONFLICT'], ['CONFLICT']]);
    const winner = ok(winners[0]!);
    const after = await storedTrail(policeDb(), item.id);
    expect(after.row).toMatchObject({ status: winner.status, progress: winner.progress, version: item.version + 1 });
    expect(after.reports - before.reports).toBe(winner.status === 'IN_PROGRESS' ? 1 : 0);
    expect(after.outbox - before.outbox).toBe(1);
    expect(after.history - before.history).toBe(winner.history.length - item.history.length);
  });
});

describe('invalid reads and other writes', () => {
  it('answers malformed ids and out-of-range arguments in reads with BAD_USER_INPUT', async () => {
    const reads: [string, string, Record<string, unknown>][] = [
      ['alliance', `query($id: ID!) { alliance(id: $id) { id } }`, { id: 'not-an-id' }],
      ['commitment', `query($id: ID!) { commitment(id: $id) { id } }`, { id: '../../etc/passwd' }],
      ['partner commitment', `query($id: ID!) { trafficPolice { commitment(id: $id) { id } } }`, { id: '1; select 1' }],
      ['page of 0', `query($id: ID!) { alliance(id: $id) { coBuildingList(first: 0) { totalCount } } }`, { id: alliance }],
      [
        'negative staleDays',
        `query($id: ID!) { alliance(id: $id) { coBuildingList(filter: { staleDays: -1 }) { totalCount } } }`,
        { id: alliance },
      ],
      ['activities page of 0', `query($id: ID!) { alliance(id: $id) { activities(first: 0) { id } } }`, { id: alliance }],
    ];
    for (const [name, query, variables] of reads) {
      const response = await anonymous.request(query, variables);
      expect(
        response.errors?.map((e) => e.extensions?.code),
        name,
      ).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('answers a malformed partner id in the list filter with BAD_USER_INPUT, not an internal error', async () => {
    const result = await jointList(anonymous, alliance, { filter: { partnerId: ['not-a-partner-id'] } });
    expect(result.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an invalid joint activity with BAD_USER_INPUT and writes nothing', async () => {
    const before = await policeRows();
    const host = police.caller;
    const create = (input: Record<string, unknown>) =>
      host.request(`mutation($a: ID!, $input: ActivityInput!) { trafficPolice { createActivity(allianceId: $a, input: $input) { id } } }`, {
        a: alliance,
        input: { title: '联合检查', type: 'JOINT_INSPECTION', startsAt: '2026-12-01T01:00:00Z', ...input },
      });
    const cases: [string, Record<string, unknown>][] = [
      ['an empty title', { title: '' }],
      ['an end before the start', { endsAt: '2026-11-30T01:00:00Z' }],
      ['a malformed invited partner id', { invitedPartnerIds: ['x'] }],
      ['an unknown activity type', { type: 'PICNIC' }],
      ['a start time that is not a time', { startsAt: 'tomorrow morning' }],
    ];
    for (const [name, input] of cases) {
      const response = await create(input);
      expect(
        response.errors?.map((e) => e.extensions?.code),
        name,
      ).toEqual(['BAD_USER_INPUT']);
    }
    expect(await policeRows()).toEqual(before);
  });

  it('refuses negative attendance and member counts with BAD_USER_INPUT', async () => {
    const created = await police.caller.request(
      `mutation($a: ID!) { trafficPolice { createActivity(allianceId: $a, input: { title: "月度联合检查", type: JOINT_INSPECTION, startsAt: "2026-12-05T01:00:00Z" }) { id version } } }`,
      { a: alliance },
    );
    const activity = created.data.trafficPolice.createActivity;
    const attendance = await police.caller.request(
      `mutation($id: ID!, $v: Int!) { trafficPolice { recordAttendance(id: $id, version: $v, attendance: [{ partnerId: "${demo.partners.trafficPolice}", partnerName: "交警", attendees: -3 }]) { id } } }`,
      { id: activity.id, v: activity.version },
    );
    expect(attendance.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const [row] = await sql(policeDb(), 'select attendance, version from joint_activity where id = $1', [activity.id]);
    expect(row).toEqual({ attendance: [], version: activity.version });

    const branch = await police.caller.request(
      `mutation { trafficPolice { createBranch(input: { name: "第三党支部", memberCount: -1 }) { id } } }`,
    );
    expect(branch.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses invalid coordinator input with BAD_USER_INPUT and writes nothing', async () => {
    const [before] = await sql(
      hub.databaseUrls.alliance,
      'select (select count(*) from alliance) as a, (select count(*) from joint_meeting) as m',
    );
    const attempts: [string, string, Record<string, unknown>][] = [
      ['an alliance without a name', `mutation { createAlliance(input: { name: "  ", coordinatorName: "牵头单位" }) { id } }`, {}],
      [
        'a malformed partner id',
        `mutation($a: ID!) { admitPartner(allianceId: $a, input: { partnerId: "x", kind: ENTERPRISE, name: "某单位" }) { partnerId } }`,
        { a: alliance },
      ],
      [
        'an agreement without signatories',
        `mutation($a: ID!) { recordAgreement(allianceId: $a, input: { title: "协议", signedOn: "2026-11-01", signatories: [], terms: [] }) { id } }`,
        { a: alliance },
      ],
      [
        'a meeting time that is not a time',
        `mutation($a: ID!, $t: DateTime!) { conveneJointMeeting(allianceId: $a, input: { title: "联席会议", heldAt: $t, agenda: [] }) { id } }`,
        { a: alliance, t: 'not-a-time' },
      ],
    ];
    for (const [name, query, variables] of attempts) {
      const response = await coordinator.request(query, variables);
      expect(
        response.errors?.map((e) => e.extensions?.code),
        name,
      ).toEqual(['BAD_USER_INPUT']);
    }
    const [after] = await sql(
      hub.databaseUrls.alliance,
      'select (select count(*) from alliance) as a, (select count(*) from joint_meeting) as m',
    );
    expect(after).toEqual(before);
  });
});
