import { randomUUID } from 'node:crypto';
import { stableId } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, expectClean, expectRefused, overWebSocket, rowCounts } from './support/hostile.ts';
import { demo, eventually, type GraphQLResponse, startTestHub } from './support/hub.ts';
import {
  type Caller,
  CommitmentDesk,
  foundAlliance,
  jointList,
  listedItems,
  type Outcome,
  ok,
  type PartnerKindName,
  partnerKinds,
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
  // Hundreds of refused writes by a few editors: the rate limit (limits.e2e's subject) must not answer first.
  // No sweeps: they write on their own (automatic reminders, the claim hall), and this file
  // checks that refused input writes nothing.
  hub = await startTestHub(4140, { env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000', HUB_REMINDER_SWEEP_MS: '0' } });
  const url = hub.gatewayUrl;
  anonymous = await signIn(url, null);
  coordinator = await signIn(url, people.coordinator);
  police = new CommitmentDesk(await signIn(url, people.policeEditor), 'TRAFFIC_POLICE');
  alliance = await foundAlliance(coordinator, '异常输入联盟', ['trafficPolice', 'lawEnforcement', 'widening']);
});

afterAll(async () => {
  await hub?.stop();
});

const policeDb = () => hub.databaseUrls['traffic-police']!;

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

/** A GraphQL response as the hostile helpers read it (status, codes, messages, whole text). */
function answerOf(response: GraphQLResponse): Answer {
  return {
    status: response.status,
    codes: (response.errors ?? []).map((e) => String(e.extensions?.code)),
    messages: (response.errors ?? []).map((e) => e.message),
    data: response.data,
    text: JSON.stringify(response),
  };
}

/** `value` with `path` ("input.evidence.0.label") set to `leaf`, copied on the way. */
function withValue(value: unknown, path: string[], leaf: unknown): any {
  if (path.length === 0) {
    return leaf;
  }
  const [key, ...rest] = path as [string, ...string[]];
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[key] = withValue(copy[key], rest, leaf);
  return copy;
}

/** One write (or read) and the valid variables it starts from; a field path of those variables takes the hostile value. */
interface Target {
  readonly who: () => Caller;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

describe('values PostgreSQL cannot store, in every text-ish field', () => {
  const nul = ['\u0000', 'a\u0000b', '联建清单\u0000', '\u0000'.repeat(100)];
  const surrogates = ['\ud800', 'x\udc00y'];
  const someId = '00000000-0000-4000-8000-0000000000aa';
  const editors = {} as Record<PartnerKindName, Caller>;
  const policeBranch = stableId('branch/highway-traffic-police');

  beforeAll(async () => {
    const url = hub.gatewayUrl;
    editors.ENTERPRISE = await signIn(url, people.wideningEditor);
    editors.TOWN_VILLAGE = await signIn(url, people.ninghaiEditor);
    editors.UNIVERSITY = await signIn(url, people.instituteEditor);
    editors.TRAFFIC_POLICE = police.caller;
  });

  /** Every write with its text, list and id fields (paths into its variables); list fields end in their item's index. */
  function targets(): [string, Target, string[]][] {
    const list: [string, Target, string[]][] = [];
    const kindText: Record<PartnerKindName, string[]> = {
      ENTERPRISE: ['project', 'site', 'responsibilityZones.1'],
      TOWN_VILLAGE: ['village', 'landAcquisitionTasks.1'],
      UNIVERSITY: ['institute', 'researchTopic'],
      TRAFFIC_POLICE: ['roadSection', 'guarantees.1', 'jointActions.1'],
    };
    for (const kind of Object.keys(partnerKinds) as PartnerKindName[]) {
      const { namespace, prefix, own } = partnerKinds[kind];
      const input = {
        title: '有效的标题',
        description: '说明',
        category: 'WORK_LINKAGE',
        branchId: null,
        ...own,
        ...(kind === 'ENTERPRISE' ? { responsibilityZones: ['一区', '二区'] } : {}),
        ...(kind === 'TRAFFIC_POLICE' ? { jointActions: ['COMMAND_RESPONSE', 'STANDARDS_INSPECTION'] } : {}),
      };
      const fields = ['title', 'description', 'branchId', ...kindText[kind]].map((f) => ['input', ...f.split('.')]);
      const create: Target = {
        who: () => editors[kind],
        query: `mutation($a: ID!, $input: ${prefix}CommitmentInput!) { ${namespace} { createCommitment(allianceId: $a, input: $input) { id } } }`,
        variables: { a: demo.alliances.highway, input },
      };
      const update: Target = {
        who: () => editors[kind],
        query: `mutation($id: ID!, $input: ${prefix}CommitmentInput!) { ${namespace} { updateCommitment(id: $id, version: 1, input: $input) { id } } }`,
        variables: { id: someId, input },
      };
      for (const path of fields) {
        list.push([`${kind} createCommitment`, create, path], [`${kind} updateCommitment`, update, path]);
      }
    }
    const progress: Target = {
      who: () => police.caller,
      query: 'mutation($id: ID!, $input: ProgressInput!) { trafficPolice { reportProgress(id: $id, version: 1, input: $input) { id } } }',
      variables: {
        id: someId,
        input: {
          percent: 50,
          text: '推进',
          evidence: [{ label: '照片', url: 'https://example.org/a.jpg' }],
          figures: [{ label: '检查', value: 3, unit: '次' }],
        },
      },
    };
    for (const path of ['text', 'evidence.0.label', 'evidence.0.url', 'figures.0.label', 'figures.0.unit']) {
      list.push(['reportProgress', progress, ['input', ...path.split('.')]]);
    }
    list.push([
      'withdrawCommitment',
      {
        who: () => police.caller,
        query: 'mutation($id: ID!, $reason: String!) { trafficPolice { withdrawCommitment(id: $id, version: 1, reason: $reason) { id } } }',
        variables: { id: someId, reason: '合并' },
      },
      ['reason'],
    ]);
    const activity = {
      title: '联合检查',
      type: 'JOINT_INSPECTION',
      startsAt: '2026-12-01T01:00:00Z',
      location: '服务区',
      description: '说明',
      minutes: '纪要',
    };
    const activityFields = ['title', 'location', 'description', 'minutes', 'invitedPartnerIds.0', 'advancedCommitmentIds.0'];
    for (const [name, query, variables] of [
      [
        'createActivity',
        'mutation($a: ID!, $input: ActivityInput!) { trafficPolice { createActivity(allianceId: $a, input: $input) { id } } }',
        { a: demo.alliances.highway, input: { ...activity, invitedPartnerIds: [someId], advancedCommitmentIds: [someId] } },
      ],
      [
        'updateActivity',
        'mutation($id: ID!, $input: ActivityInput!) { trafficPolice { updateActivity(id: $id, version: 1, input: $input) { id } } }',
        { id: someId, input: { ...activity, invitedPartnerIds: [someId], advancedCommitmentIds: [someId] } },
      ],
    ] as const) {
      for (const path of activityFields) {
        list.push([name, { who: () => police.caller, query, variables }, ['input', ...path.split('.')]]);
      }
    }
    const attendance: Target = {
      who: () => police.caller,
      query:
        'mutation($id: ID!, $rows: [AttendanceInput!]!) { trafficPolice { recordAttendance(id: $id, version: 1, attendance: $rows) { id } } }',
      variables: { id: someId, rows: [{ partnerId: demo.partners.trafficPolice, partnerName: '交警', attendees: 3 }] },
    };
    list.push(['recordAttendance', attendance, ['rows', '0', 'partnerName']], ['recordAttendance', attendance, ['rows', '0', 'partnerId']]);
    const branch: Target = {
      who: () => police.caller,
      query: 'mutation($input: BranchInput!) { trafficPolice { createBranch(input: $input) { id } } }',
      variables: { input: { name: '第三党支部', secretary: '书记' } },
    };
    const group: Target = {
      who: () => police.caller,
      query: 'mutation($branchId: ID!, $input: GroupInput!) { trafficPolice { saveGroup(branchId: $branchId, input: $input) { id } } }',
      variables: { branchId: policeBranch, input: { id: someId, name: '党小组', leader: '组长', memberCount: 3 } },
    };
    list.push(
      ['createBranch', branch, ['input', 'name']],
      ['createBranch', branch, ['input', 'secretary']],
      ['saveGroup', group, ['input', 'name']],
      ['saveGroup', group, ['input', 'leader']],
      ['saveGroup', group, ['input', 'id']],
      ['saveGroup', group, ['branchId']],
    );
    const createAlliance: Target = {
      who: () => coordinator,
      query: 'mutation($input: AllianceInput!) { createAlliance(input: $input) { id } }',
      variables: { input: { name: '联盟', description: '说明', coordinatorName: '牵头单位' } },
    };
    const admit: Target = {
      who: () => coordinator,
      query:
        'mutation($allianceId: ID!, $input: AdmitPartnerInput!) { admitPartner(allianceId: $allianceId, input: $input) { partnerId } }',
      variables: {
        allianceId: alliance,
        input: { partnerId: someId, kind: 'ENTERPRISE', name: '某单位', liaisonName: '联络员', liaisonTitle: '科长' },
      },
    };
    const agreement: Target = {
      who: () => coordinator,
      query: 'mutation($a: ID!, $input: AgreementInput!) { recordAgreement(allianceId: $a, input: $input) { id } }',
      variables: {
        a: alliance,
        input: {
          title: '协议',
          signedOn: '2026-11-01',
          signatories: [{ partnerId: someId, organization: '单位', signer: '签署人', title: '书记' }],
          terms: ['一', '二'],
        },
      },
    };
    const meeting: Target = {
      who: () => coordinator,
      query: 'mutation($a: ID!, $input: JointMeetingInput!) { conveneJointMeeting(allianceId: $a, input: $input) { id } }',
      variables: {
        a: alliance,
        input: { title: '联席会议', heldAt: '2026-11-20T02:00:00Z', location: '会议室', agenda: ['一', '二'], decisions: '决定' },
      },
    };
    for (const path of ['name', 'description', 'coordinatorName']) {
      list.push(['createAlliance', createAlliance, ['input', path]]);
    }
    for (const path of ['partnerId', 'name', 'liaisonName', 'liaisonTitle']) {
      list.push(['admitPartner', admit, ['input', path]]);
    }
    list.push(['admitPartner', admit, ['allianceId']]);
    for (const path of [
      'title',
      'signatories.0.partnerId',
      'signatories.0.organization',
      'signatories.0.signer',
      'signatories.0.title',
      'terms.1',
    ]) {
      list.push(['recordAgreement', agreement, ['input', ...path.split('.')]]);
    }
    for (const path of ['title', 'location', 'agenda.1', 'decisions']) {
      list.push(['conveneJointMeeting', meeting, ['input', ...path.split('.')]]);
    }
    return list;
  }

  it('refuses NUL and unpaired surrogates in each of them with BAD_USER_INPUT naming the field, and writes nothing', async () => {
    await untilRelayed(hub);
    const before = await rowCounts(hub);
    const all = targets();
    expect(all.length).toBeGreaterThan(70);
    for (const [label, target, path] of all) {
      const field = path.filter((p) => !/^\d+$/.test(p)).at(-1) as string;
      // An enum value with a NUL in it is no value of the enum; the text takes it as it is.
      const enumField = ['guarantees', 'jointActions'].includes(field);
      for (const hostile of [...nul, ...surrogates]) {
        const value = enumField ? `SAFETY${hostile}` : hostile;
        const response = await target.who().request(target.query, withValue(target.variables, path, value));
        const answer = answerOf(response);
        const name = `${label} ${path.join('.')} = ${JSON.stringify(value).slice(0, 30)}`;
        expectRefused(answer, ['BAD_USER_INPUT'], undefined, name);
        expect(answer.messages.join(' '), name).toContain(field);
      }
    }
    await untilRelayed(hub);
    expect(await rowCounts(hub)).toEqual(before);
  });

  it('refuses them written into the query as literals too, and over WebSocket', async () => {
    const literal = await police.caller.request(
      `mutation { trafficPolice { createCommitment(allianceId: "${alliance}", input: { title: "联建\\u0000清单", category: WORK_LINKAGE, roadSection: "x" }) { id } } }`,
    );
    expectRefused(answerOf(literal), ['BAD_USER_INPUT'], 200, 'a literal title');
    const authorization = `Bearer ${police.caller.token}`;
    const titled = targets().filter(([, target, path]) => path.at(-1) === 'title' && target.who() === police.caller);
    expect(titled.length).toBeGreaterThan(3);
    for (const [label, target, path] of titled) {
      const variables = withValue(target.variables, path, 'a\u0000b');
      expectRefused(
        await overWebSocket(hub.gatewayUrl, { query: target.query, variables }, authorization),
        ['BAD_USER_INPUT'],
        0,
        `${label} over WebSocket`,
      );
    }
  });
});

describe('dates PostgreSQL cannot store', () => {
  const badDates = [
    '0000-01-01',
    '0000-12-31',
    '9999-99-99',
    '10000-01-01',
    '-0001-01-01',
    '2026-02-30',
    '2026-1-1',
    '2026-12-01T00:00:00Z',
  ];
  const badTimes = [
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+01:00',
    '9999-12-31T23:59:59-01:00',
    '10000-01-01T00:00:00Z',
    '2026-02-30T08:00:00Z',
    '2026-12-01',
    'now',
  ];

  it('refuses each in every date and date-time field with BAD_USER_INPUT, and writes nothing', async () => {
    await untilRelayed(hub);
    const before = await rowCounts(hub);
    const dateTargets: [string, () => Caller, string, Record<string, unknown>, string[]][] = [
      [
        'commitment startDate',
        () => police.caller,
        'mutation($a: ID!, $input: TrafficPoliceCommitmentInput!) { trafficPolice { createCommitment(allianceId: $a, input: $input) { id } } }',
        { a: alliance, input: { title: '日期', category: 'WORK_LINKAGE', roadSection: 'x' } },
        ['input', 'startDate'],
      ],
      [
        'commitment dueDate (update)',
        () => police.caller,
        'mutation($id: ID!, $input: TrafficPoliceCommitmentInput!) { trafficPolice { updateCommitment(id: $id, version: 1, input: $input) { id } } }',
        { id: randomUUID(), input: {} },
        ['input', 'dueDate'],
      ],
      [
        'branch foundedOn',
        () => police.caller,
        'mutation($input: BranchInput!) { trafficPolice { createBranch(input: $input) { id } } }',
        { input: { name: '支部' } },
        ['input', 'foundedOn'],
      ],
      [
        'alliance foundedOn',
        () => coordinator,
        'mutation($input: AllianceInput!) { createAlliance(input: $input) { id } }',
        { input: { name: '联盟', coordinatorName: '牵头' } },
        ['input', 'foundedOn'],
      ],
      [
        'admission joinedOn',
        () => coordinator,
        'mutation($a: ID!, $input: AdmitPartnerInput!) { admitPartner(allianceId: $a, input: $input) { partnerId } }',
        { a: alliance, input: { partnerId: randomUUID(), kind: 'ENTERPRISE', name: '单位' } },
        ['input', 'joinedOn'],
      ],
      [
        'agreement signedOn',
        () => coordinator,
        'mutation($a: ID!, $input: AgreementInput!) { recordAgreement(allianceId: $a, input: $input) { id } }',
        { a: alliance, input: { title: '协议', signedOn: '2026-01-01', signatories: [{ organization: '单位', signer: '人' }], terms: [] } },
        ['input', 'signedOn'],
      ],
    ];
    const timeTargets: typeof dateTargets = [
      [
        'activity startsAt',
        () => police.caller,
        'mutation($a: ID!, $input: ActivityInput!) { trafficPolice { createActivity(allianceId: $a, input: $input) { id } } }',
        { a: alliance, input: { title: '活动', type: 'JOINT_INSPECTION', startsAt: '2026-12-01T01:00:00Z' } },
        ['input', 'startsAt'],
      ],
      [
        'activity endsAt',
        () => police.caller,
        'mutation($id: ID!, $input: ActivityInput!) { trafficPolice { updateActivity(id: $id, version: 1, input: $input) { id } } }',
        { id: randomUUID(), input: {} },
        ['input', 'endsAt'],
      ],
      [
        'meeting heldAt',
        () => coordinator,
        'mutation($a: ID!, $input: JointMeetingInput!) { conveneJointMeeting(allianceId: $a, input: $input) { id } }',
        { a: alliance, input: { title: '会议', heldAt: '2026-11-20T02:00:00Z', agenda: [] } },
        ['input', 'heldAt'],
      ],
      [
        'activities from (a read)',
        () => anonymous,
        'query($a: ID!, $from: DateTime) { alliance(id: $a) { activities(from: $from) { id } } }',
        { a: alliance },
        ['from'],
      ],
    ];
    for (const [targetList, values] of [
      [dateTargets, badDates],
      [timeTargets, badTimes],
    ] as const) {
      for (const [label, who, query, variables, path] of targetList) {
        for (const value of values) {
          const answer = answerOf(await who().request(query, withValue(variables, path, value)));
          const name = `${label} = ${value}`;
          expectRefused(answer, ['BAD_USER_INPUT'], undefined, name);
          expect(answer.messages.join(' '), name).toContain(path.at(-1) as string);
        }
      }
    }
    await untilRelayed(hub);
    expect(await rowCounts(hub)).toEqual(before);
  });

  it('takes the first and last days PostgreSQL stores', async () => {
    const branch = await police.caller.request(
      'mutation($input: BranchInput!) { trafficPolice { createBranch(input: $input) { foundedOn } } }',
      {
        input: { name: '最早的支部', foundedOn: '0001-01-01' },
      },
    );
    expect(branch.errors).toBeUndefined();
    expect(branch.data.trafficPolice.createBranch.foundedOn).toBe('0001-01-01');
  });
});

describe('forged joint-list cursors and filters', () => {
  const cursor = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const uuid = '00000000-0000-4000-8000-0000000000bb';

  it.each([
    ['a non-date and a non-UUID', cursor(['xxx', 'yyy'])],
    ['a date and a non-UUID', cursor(['2026-01-01', 'yyy'])],
    ['no date and a non-UUID', cursor([null, "x' or '1'='1"])],
    ['year 0000', cursor(['0000-01-01', uuid])],
    ['a day that does not exist', cursor(['2026-02-30', uuid])],
    ['a date with a time', cursor(['2026-01-01T00:00:00Z', uuid])],
    ['a number for the date', cursor([20260101, uuid])],
    ['a NUL in the id', cursor(['2026-01-01', `${uuid}\u0000`])],
    ['a NUL in the date', cursor(['2026-01-01\u0000', uuid])],
    ['an object', cursor({ due: '2026-01-01', id: uuid })],
    ['one element', cursor([uuid])],
    ['nested arrays', cursor([['2026-01-01'], [uuid]])],
    ['broken JSON', cursor('["2026-01-01",')],
    ['not base64 at all', '!!!*%$'],
    ['40,000 characters', cursor(['2026-01-01', 'x'.repeat(30_000)])],
    ['an empty array', cursor([])],
  ])('refuses a cursor holding %s with BAD_USER_INPUT naming after', async (_label, after) => {
    const result = await jointList(anonymous, alliance, { after, first: 10 });
    const answer = answerOf(result.response);
    expectRefused(answer, ['BAD_USER_INPUT'], undefined, _label);
    expect(result.response.errors?.[0]?.extensions?.field).toBe('after');
  });

  it('still pages with the cursors it gives', async () => {
    const first = ok(await jointList(anonymous, demo.alliances.highway, { first: 2 }));
    const next = ok(await jointList(anonymous, demo.alliances.highway, { first: 2, after: first.pageInfo.endCursor }));
    expect(next.edges[0].node.id).not.toBe(first.edges[0].node.id);
  });

  it('refuses hostile filters and page sizes with BAD_USER_INPUT', async () => {
    const filters: [string, Record<string, unknown>][] = [
      ['a NUL partner id', { partnerId: ['\u0000'] }],
      ['a partner id with a NUL after it', { partnerId: [`${uuid}\u0000`] }],
      ['a partner id that is SQL', { partnerId: ["') or 1=1 --"] }],
      ['a status with a NUL', { status: ['PUBLISHED\u0000'] }],
      ['a kind with a NUL', { partnerKind: ['ENTERPRISE\u0000'] }],
      ['a kind that is SQL', { partnerKind: ["ENTERPRISE' OR '1'='1"] }],
      ['negative staleDays', { staleDays: -1 }],
      ['staleDays of 0', { staleDays: 0 }],
      ['staleDays beyond ten years', { staleDays: 3651 }],
      ['the largest Int as staleDays', { staleDays: 2_147_483_647 }],
    ];
    for (const [label, filter] of filters) {
      const result = await jointList(anonymous, alliance, { filter, first: 10 });
      expectRefused(answerOf(result.response), ['BAD_USER_INPUT'], undefined, label);
    }
    for (const first of [-1, 0, 1001, -2_147_483_648]) {
      const result = await jointList(anonymous, alliance, { first });
      expectRefused(answerOf(result.response), ['BAD_USER_INPUT'], undefined, `first ${first}`);
    }
  });
});

// Last in this file: PostgreSQL goes away and comes back.
describe('a PostgreSQL outage', () => {
  it('is answered UNAVAILABLE with a plain message, reads and writes alike, and leaves no half-written row', async () => {
    const title = `停机期间的事项 ${randomUUID()}`;
    const attempts = () =>
      Promise.all([
        anonymous.request('{ alliances { id name } }'),
        anonymous.request(`query($a: ID!) { alliance(id: $a) { coBuildingList(first: 5) { totalCount edges { node { id } } } } }`, {
          a: alliance,
        }),
        police.caller.request('{ trafficPolice { myCommitments { id } } }'),
        police.create(alliance, { title, category: 'WORK_LINKAGE' }).then((outcome) => outcome.response),
        coordinator.request('mutation { createAlliance(input: { name: "停机联盟", coordinatorName: "牵头" }) { id } }'),
      ]);
    const outage = hub.postgresOutage(6000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const during = (await attempts()).map(answerOf);
    await outage;
    const codes = during.flatMap((answer) => answer.codes);
    expect(codes).toContain('UNAVAILABLE');
    for (const answer of during) {
      expectClean(answer, 'during the outage');
      expect(answer.codes, answer.text.slice(0, 300)).not.toContain('INTERNAL_SERVER_ERROR');
      for (const code of answer.codes) {
        expect(['UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE']).toContain(code);
      }
    }
    expect(during.flatMap((a) => a.messages).filter((m) => m.includes('database'))).toContain(
      'The traffic-police subgraph cannot reach its database right now; try again shortly',
    );
    // Afterwards the hub answers again, and the refused write left nothing.
    await eventually(async () => (await anonymous.request('{ alliances { id } }')).errors === undefined, 30_000, 250);
    await eventually(
      async () => (await police.caller.request('{ trafficPolice { myCommitments { id } } }')).errors === undefined,
      30_000,
      250,
    );
    expect(await sql(policeDb(), 'select count(*)::int as n from commitment where title = $1', [title])).toEqual([{ n: 0 }]);
  });
});
