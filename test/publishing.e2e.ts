import { identityHeader } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, startTestHub } from './support/hub.ts';
import { gatewayIdentity } from './support/identity.ts';
import {
  admitPartner,
  allianceStats,
  type Caller,
  CommitmentDesk,
  dayFromToday,
  foundAlliance,
  jointList,
  listedItems,
  ok,
  partnersOf,
  people,
  postJson,
  signIn,
  sql,
  untilListed,
} from './support/publishing.ts';

/**
 * Publishing: a partner editor takes a commitment from draft to 销项 (or withdraws it), hosts
 * joint activities; the coordinator founds the alliance and tracks the joint list. Each test
 * works in an alliance of its own, so its figures are exact.
 */

let hub: RunningStack;
let anonymous: Caller;
let viewer: Caller;
let coordinator: Caller;
let police: CommitmentDesk;
let enforcement: CommitmentDesk;
let widening: CommitmentDesk;
let ninghai: CommitmentDesk;

const everyMember = ['widening', 'ninghai', 'institute', 'trafficPolice', 'lawEnforcement'] as const;

beforeAll(async () => {
  hub = await startTestHub(4120);
  const url = hub.gatewayUrl;
  anonymous = await signIn(url, null);
  viewer = await signIn(url, people.viewer);
  coordinator = await signIn(url, people.coordinator);
  police = new CommitmentDesk(await signIn(url, people.policeEditor), 'TRAFFIC_POLICE');
  enforcement = new CommitmentDesk(await signIn(url, people.enforcementEditor), 'TRAFFIC_POLICE');
  widening = new CommitmentDesk(await signIn(url, people.wideningEditor), 'ENTERPRISE');
  ninghai = new CommitmentDesk(await signIn(url, people.ninghaiEditor), 'TOWN_VILLAGE');
});

afterAll(async () => {
  await hub?.stop();
});

const jointView = /* GraphQL */ `
  query JointItem($id: ID!) {
    commitment(id: $id) {
      __typename id title status progress withdrawReason
      history { actor at field oldValue newValue }
      ... on TrafficPoliceCommitment { roadSection guarantees }
    }
  }
`;

describe('a partner editor’s commitment, from draft to the joint list', () => {
  it('keeps a new commitment as a draft that only editors of its own partner can see', async () => {
    const alliance = await foundAlliance(coordinator, '草稿可见性联盟', everyMember);
    const draft = ok(
      await police.create(alliance, {
        title: '施工区应急车道联合巡查',
        category: 'WORK_LINKAGE',
        startDate: dayFromToday(1),
        dueDate: dayFromToday(60),
      }),
    );
    expect(draft).toMatchObject({
      __typename: 'TrafficPoliceCommitment',
      status: 'DRAFT',
      progress: 0,
      version: 1,
      allianceId: alliance,
      partnerId: demo.partners.trafficPolice,
      publishedAt: null,
    });
    expect(draft.history).toEqual([expect.objectContaining({ field: 'status', oldValue: null, newValue: 'DRAFT' })]);
    expect(draft.history[0].actor).toContain('林海');

    expect(ok(await police.mine()).map((item: any) => item.id)).toContain(draft.id);
    expect(ok(await police.read(draft.id)).status).toBe('DRAFT');

    const others = [anonymous, viewer, coordinator, enforcement.caller, widening.caller];
    for (const other of others) {
      const seen = await new CommitmentDesk(other, 'TRAFFIC_POLICE').read(draft.id);
      expect(seen.item, `${other.label} must not see the draft`).toBeNull();
      const joint = await other.request(jointView, { id: draft.id });
      expect(joint.data?.commitment, `${other.label} must not see the draft in the joint view`).toBeNull();
    }
    expect(ok(await jointList(anonymous, alliance)).totalCount).toBe(0);
  });

  it('edits a draft at the version last read, recording who changed which field, with old and new value', async () => {
    const alliance = await foundAlliance(coordinator, '草稿编辑联盟', everyMember);
    const draft = ok(await police.create(alliance, { title: '警企共建主题党日', category: 'THEORY_STUDY', dueDate: dayFromToday(20) }));
    const before = Date.now();
    const edited = ok(
      await police.update(draft.id, draft.version, {
        title: '“平安百年品质工程”警企共建主题党日',
        dueDate: dayFromToday(25),
        category: 'THEORY_STUDY',
      }),
    );
    expect(edited).toMatchObject({ version: draft.version + 1, title: '“平安百年品质工程”警企共建主题党日', dueDate: dayFromToday(25) });
    const changes = edited.history.slice(1);
    expect(changes).toHaveLength(2); // the unchanged category leaves no trace
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'title', oldValue: '警企共建主题党日', newValue: '“平安百年品质工程”警企共建主题党日' }),
        expect.objectContaining({ field: 'dueDate', oldValue: dayFromToday(20), newValue: dayFromToday(25) }),
      ]),
    );
    for (const change of changes) {
      expect(change.actor).toContain('林海');
      expect(Date.parse(change.at)).toBeGreaterThanOrEqual(before - 1000);
    }
    // Still a draft: nothing reaches the joint list.
    expect(ok(await jointList(anonymous, alliance)).totalCount).toBe(0);
  });

  it('reads its own writes within one request: a branch renamed by an earlier field shows renamed in a later one', async () => {
    // Loaders hold plain rows and every write clears them (ADR 0013). Sent straight to the
    // subgraph, so the three fields run in one request, in order.
    const alliance = await foundAlliance(coordinator, '同请求读写联盟', everyMember);
    const created = await police.caller.request(`mutation { trafficPolice { createBranch(input: { name: "二中队党支部" }) { id } } }`);
    expect(created.errors).toBeUndefined();
    const branch = created.data.trafficPolice.createBranch;
    const draft = ok(await police.create(alliance, { title: '同一请求内的读写', category: 'WORK_LINKAGE', branchId: branch.id }));
    const identity = await gatewayIdentity(
      hub,
      { subject: 'police-editor', role: 'partner_editor', partnerId: demo.partners.trafficPolice, name: '林海' },
      'traffic-police',
    );
    const answer = await postJson(
      hub.subgraphUrls['traffic-police']!,
      {
        query: `mutation($id: ID!, $branch: ID!, $version: Int!, $next: Int!) {
          before: trafficPolice { updateCommitment(id: $id, version: $version, input: { title: "改名之前" }) { branch { name } } }
          rename: trafficPolice { updateBranch(id: $branch, input: { name: "二中队联合党支部" }) { name } }
          after: trafficPolice { updateCommitment(id: $id, version: $next, input: { title: "改名之后" }) { branch { name } } }
        }`,
        variables: { id: draft.id, branch: branch.id, version: draft.version, next: draft.version + 1 },
      },
      { [identityHeader]: identity },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({
      before: { updateCommitment: { branch: { name: '二中队党支部' } } },
      rename: { updateBranch: { name: '二中队联合党支部' } },
      after: { updateCommitment: { branch: { name: '二中队联合党支部' } } },
    });
  });

  it('publishes a draft to the joint list, where everyone — signed in or not — reads it with its history', async () => {
    const alliance = await foundAlliance(coordinator, '发布联盟', everyMember);
    const draft = ok(
      await police.create(alliance, { title: '施工路段“四统四联”联合处置', category: 'WORK_LINKAGE', dueDate: dayFromToday(90) }),
    );
    const published = ok(await police.publish(draft.id, draft.version));
    expect(published).toMatchObject({ status: 'PUBLISHED', version: draft.version + 1 });
    expect(Date.parse(published.publishedAt)).toBeGreaterThan(Date.now() - 60_000);

    for (const reader of [anonymous, viewer, coordinator, widening.caller]) {
      const node = await untilListed(reader, alliance, draft.id);
      expect(node).toMatchObject({
        __typename: 'TrafficPoliceCommitment',
        title: '施工路段“四统四联”联合处置',
        status: 'PUBLISHED',
        progress: 0,
        partnerId: demo.partners.trafficPolice,
        dueDate: dayFromToday(90),
      });
    }
    const joint = await anonymous.request(jointView, { id: draft.id });
    expect(joint.errors).toBeUndefined();
    expect(joint.data.commitment).toMatchObject({ roadSection: 'G15沈海高速宁海段 K1510—K1516', guarantees: ['SAFETY', 'TRAFFIC_FLOW'] });
    expect(joint.data.commitment.history.map((h: any) => [h.field, h.oldValue, h.newValue])).toEqual([
      ['status', null, 'DRAFT'],
      ['status', 'DRAFT', 'PUBLISHED'],
    ]);
  });

  it('reports progress with percent, text, evidence links and figures, and the list shows the item IN_PROGRESS', async () => {
    const alliance = await foundAlliance(coordinator, '进展联盟', everyMember);
    const item = await widening.publishNew(alliance, {
      title: '为马洋村硬化道路 200 余米',
      category: 'PERFORMANCE',
      dueDate: dayFromToday(40),
    });
    const first = ok(
      await widening.report(item.id, item.version, {
        percent: 40,
        text: '已完成路基整平，硬化道路 80 米',
        evidence: [{ label: '施工照片', url: 'https://example.org/evidence/road-1.jpg' }],
        figures: [
          { label: '硬化道路', value: 80, unit: '米' },
          { label: '捐赠资金', value: 30000, unit: '元' },
        ],
      }),
    );
    expect(first).toMatchObject({ status: 'IN_PROGRESS', progress: 40, version: item.version + 1 });
    expect(first.progressReports).toHaveLength(1);
    expect(first.progressReports[0]).toMatchObject({
      percent: 40,
      text: '已完成路基整平，硬化道路 80 米',
      evidence: [{ label: '施工照片', url: 'https://example.org/evidence/road-1.jpg' }],
      figures: [
        { label: '硬化道路', value: 80, unit: '米' },
        { label: '捐赠资金', value: 30000, unit: '元' },
      ],
    });
    expect(first.progressReports[0].reportedBy).toContain('张伟');
    expect(
      first.history
        .slice(-2)
        .map((h: any) => [h.field, h.oldValue, h.newValue])
        .sort(),
    ).toEqual(
      [
        ['progress', '0', '40'],
        ['status', 'PUBLISHED', 'IN_PROGRESS'],
      ].sort(),
    );

    const second = ok(await widening.report(item.id, first.version, { percent: 75, text: '硬化道路 150 米，余量下周完成' }));
    expect(second.progressReports.map((r: any) => r.percent)).toEqual([75, 40]); // latest first
    expect(second.history.at(-1)).toMatchObject({ field: 'progress', oldValue: '40', newValue: '75' });

    const node = await untilListed(anonymous, alliance, item.id, (n) => n.progress === 75);
    expect(node).toMatchObject({ status: 'IN_PROGRESS', progress: 75, __typename: 'EnterpriseCommitment' });
  });

  it('completes an item (销项): progress 100 and COMPLETED, on the partner and on the joint list', async () => {
    const alliance = await foundAlliance(coordinator, '销项联盟', everyMember);
    const item = await ninghai.publishNew(alliance, { title: 'K1510 段坟墓迁移', category: 'WORK_LINKAGE', dueDate: dayFromToday(30) });
    const progressed = ok(await ninghai.report(item.id, item.version, { percent: 60, text: '已迁移 18 座，剩余 12 座' }));
    const completed = ok(await ninghai.complete(item.id, progressed.version));
    expect(completed).toMatchObject({ status: 'COMPLETED', progress: 100, version: progressed.version + 1 });
    expect(Date.parse(completed.completedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(
      completed.history
        .slice(-2)
        .map((h: any) => [h.field, h.oldValue, h.newValue])
        .sort(),
    ).toEqual(
      [
        ['progress', '60', '100'],
        ['status', 'IN_PROGRESS', 'COMPLETED'],
      ].sort(),
    );
    const node = await untilListed(anonymous, alliance, item.id, (n) => n.status === 'COMPLETED');
    expect(node).toMatchObject({ progress: 100, __typename: 'TownVillageCommitment' });
  });

  it('withdraws an item with its reason: it stays on the list marked WITHDRAWN and takes no further step', async () => {
    const alliance = await foundAlliance(coordinator, '撤回联盟', everyMember);
    const item = await enforcement.publishNew(alliance, { title: '施工便道超限超载联合治理', category: 'SHARED_RESPONSIBILITY' });
    const reason = '治理任务并入“四统四联”联合检查，本事项撤回';
    const withdrawn = ok(await enforcement.withdraw(item.id, item.version, reason));
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawReason: reason, version: item.version + 1 });
    expect(withdrawn.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'status', oldValue: 'PUBLISHED', newValue: 'WITHDRAWN' }),
        expect.objectContaining({ field: 'withdrawReason', oldValue: null, newValue: reason }),
      ]),
    );

    await untilListed(anonymous, alliance, item.id, (n) => n.status === 'WITHDRAWN');
    const joint = await anonymous.request(jointView, { id: item.id });
    expect(joint.data.commitment).toMatchObject({ status: 'WITHDRAWN', withdrawReason: reason });

    const v = withdrawn.version;
    expect((await enforcement.update(item.id, v, { title: '重新启用' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await enforcement.report(item.id, v, { percent: 10, text: '继续' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await enforcement.complete(item.id, v)).codes).toEqual(['BAD_USER_INPUT']);
    expect((await enforcement.publish(item.id, v)).codes).toEqual(['BAD_USER_INPUT']);
    expect(ok(await enforcement.read(item.id))).toMatchObject({ status: 'WITHDRAWN', version: v, title: '施工便道超限超载联合治理' });
  });

  it('withdraws a draft without it ever reaching the joint list', async () => {
    const alliance = await foundAlliance(coordinator, '草稿撤回联盟', everyMember);
    const draft = ok(await police.create(alliance, { title: '春运期间施工区保畅预案（草稿）', category: 'WORK_LINKAGE' }));
    ok(await police.withdraw(draft.id, draft.version, '方案由交警支队统一制定'));
    const published = await police.publishNew(alliance, { title: '冬季施工交通组织方案', category: 'WORK_LINKAGE' });
    await untilListed(anonymous, alliance, published.id);
    expect((await listedItems(anonymous, alliance)).map((n) => n.id)).toEqual([published.id]);
  });

  it('refuses steps out of order with BAD_USER_INPUT and leaves the item as it was', async () => {
    const alliance = await foundAlliance(coordinator, '流程顺序联盟', everyMember);
    const draft = ok(await police.create(alliance, { title: '施工区交通组织月度联合检查', category: 'INTEGRITY' }));
    expect((await police.complete(draft.id, draft.version)).codes).toEqual(['BAD_USER_INPUT']);
    expect((await police.report(draft.id, draft.version, { percent: 20, text: '草稿不能报进展' })).codes).toEqual(['BAD_USER_INPUT']);
    expect(ok(await police.read(draft.id))).toMatchObject({ status: 'DRAFT', version: draft.version, progress: 0 });

    const published = ok(await police.publish(draft.id, draft.version));
    expect((await police.publish(draft.id, published.version)).codes).toEqual(['BAD_USER_INPUT']);
    const completed = ok(await police.complete(draft.id, published.version));
    expect((await police.report(draft.id, completed.version, { percent: 50, text: '已销项' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await police.update(draft.id, completed.version, { title: '改名' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await police.withdraw(draft.id, completed.version, '已销项不能撤回')).codes).toEqual(['BAD_USER_INPUT']);
    const after = ok(await police.read(draft.id));
    expect(after).toMatchObject({ status: 'COMPLETED', version: completed.version, progress: 100, title: '施工区交通组织月度联合检查' });
    expect(after.history).toHaveLength(completed.history.length);
  });

  it('shows everyone the item’s whole history in the joint view: who changed what, when, old and new value', async () => {
    const alliance = await foundAlliance(coordinator, '历史联盟', everyMember);
    const draft = ok(await police.create(alliance, { title: '联合处置演练', category: 'WORK_LINKAGE', dueDate: dayFromToday(10) }));
    const edited = ok(await police.update(draft.id, draft.version, { title: '施工区事故联合处置演练' }));
    const published = ok(await police.publish(draft.id, edited.version));
    const progressed = ok(await police.report(draft.id, published.version, { percent: 50, text: '完成演练 2 次' }));
    const completed = ok(await police.complete(draft.id, progressed.version));
    await untilListed(anonymous, alliance, draft.id, (n) => n.status === 'COMPLETED');

    const response = await anonymous.request(
      `query($id: ID!) { alliance(id: $id) { coBuildingList { edges { node { id history { actor at field oldValue newValue } } } } } }`,
      { id: alliance },
    );
    expect(response.errors).toBeUndefined();
    const history = response.data.alliance.coBuildingList.edges[0].node.history;
    expect(history).toEqual(completed.history);
    expect(history.map((h: any) => [h.field, h.oldValue, h.newValue]).sort()).toEqual(
      [
        ['status', null, 'DRAFT'],
        ['title', '联合处置演练', '施工区事故联合处置演练'],
        ['status', 'DRAFT', 'PUBLISHED'],
        ['progress', '0', '50'],
        ['status', 'PUBLISHED', 'IN_PROGRESS'],
        ['progress', '50', '100'],
        ['status', 'IN_PROGRESS', 'COMPLETED'],
      ].sort(),
    );
    const times = history.map((h: any) => Date.parse(h.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history.every((h: any) => h.actor.includes('林海'))).toBe(true);
  });
});

describe('the coordinator tracking the joint list (清单台账)', () => {
  it('counts completion by partner and by category, every member listed, withdrawn items left out', async () => {
    const alliance = await foundAlliance(coordinator, '完成率统计联盟', ['trafficPolice', 'lawEnforcement', 'widening', 'ninghai']);
    const a = await police.publishNew(alliance, { title: '联勤联动', category: 'WORK_LINKAGE', dueDate: dayFromToday(30) });
    ok(await police.report(a.id, a.version, { percent: 50, text: '过半' }));
    const b = await police.publishNew(alliance, { title: '保通方案审批', category: 'WORK_LINKAGE', dueDate: dayFromToday(30) });
    ok(await police.complete(b.id, b.version));
    const c = await enforcement.publishNew(alliance, { title: '超限治理', category: 'SHARED_RESPONSIBILITY', dueDate: dayFromToday(30) });
    const d = await widening.publishNew(alliance, { title: '组建工地兼合党支部', category: 'ORGANIZATION', dueDate: dayFromToday(30) });
    ok(await widening.complete(d.id, d.version));
    const e = await widening.publishNew(alliance, { title: '青年突击队', category: 'ORGANIZATION', dueDate: dayFromToday(30) });
    const eProgressed = ok(await widening.report(e.id, e.version, { percent: 80, text: '组建完成' }));
    ok(await widening.withdraw(e.id, eProgressed.version, '并入工地兼合党支部'));

    await untilListed(viewer, alliance, e.id, (n) => n.status === 'WITHDRAWN');
    await untilListed(viewer, alliance, d.id, (n) => n.status === 'COMPLETED');
    await untilListed(viewer, alliance, b.id, (n) => n.status === 'COMPLETED');
    await untilListed(viewer, alliance, a.id, (n) => n.progress === 50);
    await untilListed(viewer, alliance, c.id);

    const stats = ok(await allianceStats(anonymous, alliance));
    expect(stats.overall).toEqual({ total: 4, completed: 2, overdue: 0, completionRate: 0.5, averageProgress: 62.5 });
    const byPartner = Object.fromEntries(stats.byPartner.map((p: any) => [p.partnerId, p]));
    expect(Object.keys(byPartner).sort()).toEqual(
      [demo.partners.trafficPolice, demo.partners.lawEnforcement, demo.partners.widening, demo.partners.ninghai].sort(),
    );
    expect(byPartner[demo.partners.trafficPolice]).toMatchObject({ total: 2, completed: 1, completionRate: 0.5, averageProgress: 75 });
    expect(byPartner[demo.partners.lawEnforcement]).toMatchObject({ total: 1, completed: 0, completionRate: 0, averageProgress: 0 });
    expect(byPartner[demo.partners.widening]).toMatchObject({ total: 1, completed: 1, completionRate: 1, averageProgress: 100 });
    expect(byPartner[demo.partners.ninghai]).toMatchObject({ total: 0, completed: 0, completionRate: 0, averageProgress: 0 });
    expect(byPartner[demo.partners.ninghai].partnerName).toBe(partnersOf.ninghai.name);
    const byCategory = Object.fromEntries(stats.byCategory.map((row: any) => [row.category, row]));
    expect(Object.keys(byCategory).sort()).toEqual(['ORGANIZATION', 'SHARED_RESPONSIBILITY', 'WORK_LINKAGE']);
    expect(byCategory.WORK_LINKAGE).toMatchObject({ total: 2, completed: 1, completionRate: 0.5 });
    expect(byCategory.SHARED_RESPONSIBILITY).toMatchObject({ total: 1, completed: 0 });
    expect(byCategory.ORGANIZATION).toMatchObject({ total: 1, completed: 1, averageProgress: 100 });
  });

  it('lists overdue items — due date passed, not completed or withdrawn — and stops counting one once completed', async () => {
    const alliance = await foundAlliance(coordinator, '逾期联盟', ['trafficPolice', 'widening']);
    const late = await police.publishNew(alliance, {
      title: '十月联席会议决定事项：修订冬季保通方案',
      category: 'SHARED_RESPONSIBILITY',
      startDate: dayFromToday(-40),
      dueDate: dayFromToday(-3),
    });
    const onTime = await police.publishNew(alliance, { title: '春运保畅', category: 'SHARED_RESPONSIBILITY', dueDate: dayFromToday(30) });
    const lateButDone = await widening.publishNew(alliance, {
      title: '党员先锋岗挂牌',
      category: 'ORGANIZATION',
      dueDate: dayFromToday(-5),
    });
    ok(await widening.complete(lateButDone.id, lateButDone.version));
    const lateButWithdrawn = await widening.publishNew(alliance, {
      title: '文体活动',
      category: 'ORGANIZATION',
      dueDate: dayFromToday(-5),
    });
    ok(await widening.withdraw(lateButWithdrawn.id, lateButWithdrawn.version, '天气原因取消'));
    await untilListed(viewer, alliance, lateButWithdrawn.id, (n) => n.status === 'WITHDRAWN');
    await untilListed(viewer, alliance, lateButDone.id, (n) => n.status === 'COMPLETED');
    await untilListed(viewer, alliance, onTime.id);

    // The filter reads the alliance's index, which the partners' outboxes feed a moment after their own status.
    const idsOf = async (overdue: boolean) =>
      (await listedItems(viewer, alliance, { overdue }))
        .map((n) => n.id)
        .sort()
        .join();
    await eventually(
      async () =>
        (await idsOf(true)) === late.id && (await idsOf(false)) === [onTime.id, lateButDone.id, lateButWithdrawn.id].sort().join(),
      20_000,
    );
    expect((await listedItems(viewer, alliance, { overdue: true })).map((n) => n.id)).toEqual([late.id]);
    expect((await listedItems(viewer, alliance, { overdue: false })).map((n) => n.id).sort()).toEqual(
      [onTime.id, lateButDone.id, lateButWithdrawn.id].sort(),
    );
    let stats = ok(await allianceStats(viewer, alliance));
    expect(stats.overall.overdue).toBe(1);
    expect(stats.byPartner.find((p: any) => p.partnerId === demo.partners.trafficPolice).overdue).toBe(1);
    expect(stats.byPartner.find((p: any) => p.partnerId === demo.partners.widening).overdue).toBe(0);
    expect(stats.byCategory.find((c: any) => c.category === 'SHARED_RESPONSIBILITY').overdue).toBe(1);

    ok(await police.complete(late.id, late.version));
    await untilListed(viewer, alliance, late.id, (n) => n.status === 'COMPLETED');
    await eventually(async () => (await idsOf(true)) === '', 20_000);
    expect(await listedItems(viewer, alliance, { overdue: true })).toEqual([]);
    stats = ok(await allianceStats(viewer, alliance));
    expect(stats.overall.overdue).toBe(0);
  });

  it('finds open items with no progress for N days, through the list filter and stats(staleDays)', async () => {
    const alliance = await foundAlliance(coordinator, '长期未更新联盟', ['trafficPolice', 'lawEnforcement']);
    const quiet = await police.publishNew(alliance, { title: '四十天无进展', category: 'WORK_LINKAGE' });
    const advancedLately = await police.publishNew(alliance, { title: '十天前有进展', category: 'WORK_LINKAGE' });
    const advanced = ok(await police.report(advancedLately.id, advancedLately.version, { percent: 30, text: '启动' }));
    const closed = await police.publishNew(alliance, { title: '已销项', category: 'WORK_LINKAGE' });
    const fresh = await enforcement.publishNew(alliance, { title: '刚发布', category: 'WORK_LINKAGE' });

    // Nobody waits forty days: the partner's own rows are dated back as if published then, and an
    // edit of the text (which is not progress) carries the dates to the alliance.
    const db = hub.databaseUrls['traffic-police']!;
    await sql(db, `update commitment set published_at = now() - interval '40 days' where id = any($1)`, [
      [quiet.id, advancedLately.id, closed.id],
    ]);
    await sql(db, `update commitment set last_progress_at = now() - interval '10 days' where id = $1`, [advancedLately.id]);
    const quietEdited = ok(await police.update(quiet.id, quiet.version, { description: '补充说明：待交警支队批复' }));
    ok(await police.update(advancedLately.id, advanced.version, { description: '补充说明' }));
    ok(await police.complete(closed.id, closed.version));
    await untilListed(viewer, alliance, closed.id, (n) => n.status === 'COMPLETED');
    await untilListed(viewer, alliance, fresh.id);
    await eventually(async () => (await listedItems(viewer, alliance, { staleDays: 7 })).length === 2);

    const staleIds = async (days: number) => (await listedItems(viewer, alliance, { staleDays: days })).map((n) => n.id).sort();
    expect(await staleIds(30)).toEqual([quiet.id]);
    expect(await staleIds(7)).toEqual([quiet.id, advancedLately.id].sort());
    expect(await staleIds(45)).toEqual([]);
    const stale = async (days?: number) => ok(await allianceStats(viewer, alliance, days));
    expect(await stale()).toMatchObject({ stale: 1, staleDays: 30 });
    expect(await stale(7)).toMatchObject({ stale: 2, staleDays: 7 });
    expect(await stale(45)).toMatchObject({ stale: 0, staleDays: 45 });

    ok(await police.report(quiet.id, quietEdited.version, { percent: 10, text: '已与支队对接' }));
    await eventually(async () => (await listedItems(viewer, alliance, { staleDays: 30 })).length === 0);
    expect(await stale(30)).toMatchObject({ stale: 0 });

    expect((await jointList(viewer, alliance, { filter: { staleDays: 0 } })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await allianceStats(viewer, alliance, 0)).codes).toEqual(['BAD_USER_INPUT']);
    expect((await allianceStats(viewer, alliance, -5)).codes).toEqual(['BAD_USER_INPUT']);
  });

  it('filters by partner kind, status and category together, sorts by due date either way and pages without gaps or repeats', async () => {
    const alliance = await foundAlliance(coordinator, '筛选排序联盟', everyMember);
    const items = [
      await police.publishNew(alliance, { title: '交警一', category: 'WORK_LINKAGE', dueDate: dayFromToday(10) }),
      await enforcement.publishNew(alliance, { title: '执法一', category: 'INTEGRITY', dueDate: dayFromToday(20) }),
      await enforcement.publishNew(alliance, { title: '执法二（无期限）', category: 'WORK_LINKAGE' }),
      await widening.publishNew(alliance, { title: '项目部一', category: 'WORK_LINKAGE', dueDate: dayFromToday(20) }),
      await widening.publishNew(alliance, { title: '项目部二', category: 'PERFORMANCE', dueDate: dayFromToday(5) }),
      await ninghai.publishNew(alliance, { title: '征迁一（无期限）', category: 'WORK_LINKAGE' }),
      await ninghai.publishNew(alliance, { title: '征迁二', category: 'WORK_LINKAGE', dueDate: dayFromToday(40) }),
    ];
    const progressed = ok(await ninghai.report(items[6].id, items[6].version, { percent: 20, text: '启动' }));
    await untilListed(viewer, alliance, progressed.id, (n) => n.status === 'IN_PROGRESS');
    await eventually(async () => ok(await jointList(viewer, alliance)).totalCount === items.length);

    const police2 = await listedItems(anonymous, alliance, { partnerKind: ['TRAFFIC_POLICE'] });
    expect(police2.map((n) => n.title).sort()).toEqual(['交警一', '执法一', '执法二（无期限）'].sort());
    const combined = await listedItems(anonymous, alliance, {
      partnerKind: ['TRAFFIC_POLICE', 'TOWN_VILLAGE'],
      category: ['WORK_LINKAGE'],
      status: ['PUBLISHED'],
    });
    expect(combined.map((n) => n.title).sort()).toEqual(['交警一', '执法二（无期限）', '征迁一（无期限）'].sort());

    const ascending = (await listedItems(anonymous, alliance)).map((n) => n.dueDate);
    const dated = ascending.filter(Boolean);
    expect(dated).toEqual([...dated].sort());
    expect(ascending.slice(-2)).toEqual([null, null]); // no due date: last

    const whole = ok(await jointList(anonymous, alliance, { orderBy: 'DUE_DATE_DESC' }));
    const descending = whole.edges.map((e: any) => e.node.dueDate);
    expect(descending.filter(Boolean)).toEqual([...dated].reverse());
    expect(descending.slice(-2)).toEqual([null, null]);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = ok(await jointList(anonymous, alliance, { orderBy: 'DUE_DATE_DESC', first: 2, after }));
      expect(page.totalCount).toBe(items.length);
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(Math.ceil(items.length / 2));
    expect(seen).toEqual(whole.edges.map((e: any) => e.node.id));
  });

  it('founds an alliance, admits partners with their liaison, records the agreement and convenes a joint meeting, all readable by everyone', async () => {
    const alliance = await foundAlliance(coordinator, '宁海段改扩建党建联盟（二期）', ['widening', 'ninghai']);
    expect((await admitPartner(coordinator, alliance, 'widening')).codes).toEqual(['CONFLICT']);
    const agreement = await coordinator.request(
      `mutation($id: ID!, $input: AgreementInput!) { recordAgreement(allianceId: $id, input: $input) { id title signedOn signatories { organization signer } terms } }`,
      {
        id: alliance,
        input: {
          title: '沈海高速宁海段改扩建（二期）党建共建协议',
          signedOn: '2026-11-01',
          signatories: [
            { partnerId: demo.partners.widening, organization: partnersOf.widening.name, signer: '张伟', title: '党建工作指导员' },
            { partnerId: demo.partners.ninghai, organization: partnersOf.ninghai.name, signer: '王磊', title: '联络员' },
          ],
          terms: ['工作联动：建立每日碰头会制度', '底线联守：问题清单台账整改销项'],
        },
      },
    );
    expect(agreement.errors).toBeUndefined();
    const meeting = await coordinator.request(
      `mutation($id: ID!, $input: JointMeetingInput!) { conveneJointMeeting(allianceId: $id, input: $input) { id title convenedBy } }`,
      {
        id: alliance,
        input: {
          title: '十一月联席会议：征迁攻坚',
          heldAt: '2026-11-20T06:00:00Z',
          location: '项目部会议室',
          agenda: ['K1510 段坟墓迁移进度', '共建清单逾期事项通报'],
          decisions: '征迁指挥部 12 月底前完成剩余迁移',
        },
      },
    );
    expect(meeting.errors).toBeUndefined();
    expect(meeting.data.conveneJointMeeting.convenedBy).toContain('周主任');

    const read = await anonymous.request(
      `query($id: ID!) { alliance(id: $id) { name coordinatorName members { partnerId kind name liaison { name } }
        agreement { title signedOn signatories { organization signer } terms } jointMeetings { title heldAt agenda decisions } } }`,
      { id: alliance },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.alliance).toMatchObject({
      name: '宁海段改扩建党建联盟（二期）',
      agreement: {
        title: '沈海高速宁海段改扩建（二期）党建共建协议',
        signedOn: '2026-11-01',
        terms: ['工作联动：建立每日碰头会制度', '底线联守：问题清单台账整改销项'],
      },
      jointMeetings: [
        { title: '十一月联席会议：征迁攻坚', heldAt: '2026-11-20T06:00:00.000Z', decisions: '征迁指挥部 12 月底前完成剩余迁移' },
      ],
    });
    expect(read.data.alliance.members.map((m: any) => m.kind).sort()).toEqual(['ENTERPRISE', 'TOWN_VILLAGE']);
    expect(read.data.alliance.agreement.signatories.map((s: any) => s.signer)).toEqual(['张伟', '王磊']);
  });

  it('lets a partner publish to an alliance as soon as the coordinator admits it, even right after it was refused', async () => {
    const alliance = await foundAlliance(coordinator, '入盟即发布联盟', ['widening']);
    const refused = await police.create(alliance, { title: '入盟前的事项', category: 'WORK_LINKAGE' });
    expect(refused.codes).toEqual(['BAD_USER_INPUT']);
    expect(refused.messages[0]).toContain('Not a member');

    ok(await admitPartner(coordinator, alliance, 'trafficPolice'));
    const admitted = await police.create(alliance, { title: '入盟后的第一项承诺', category: 'WORK_LINKAGE' });
    expect(admitted.codes, 'an admitted partner is refused as a non-member').toEqual([]);
    expect(admitted.item).toMatchObject({ status: 'DRAFT', allianceId: alliance });
  });
});

describe('joint activities (联建活动)', () => {
  const activityFields = `id version title type startsAt location minutes hostPartnerId host { id name } attendance { partnerId partnerName attendees }`;

  it('a partner hosts an activity, invites partners, records minutes and attendance per partner and links the commitments it advanced', async () => {
    const alliance = await foundAlliance(coordinator, '联建活动联盟', everyMember);
    const advanced = await ninghai.publishNew(alliance, { title: '“党建+征迁”入户宣传', category: 'WORK_LINKAGE' });
    const host = widening.caller;
    const created = await host.request(
      `mutation($a: ID!, $input: ActivityInput!) { enterprise { createActivity(allianceId: $a, input: $input) { ${activityFields} } } }`,
      {
        a: alliance,
        input: {
          title: '“党建+征迁”主题党日',
          type: 'THEME_PARTY_DAY',
          startsAt: '2026-11-28T01:30:00Z',
          location: '梅林街道文化礼堂',
          invitedPartnerIds: [demo.partners.ninghai, demo.partners.trafficPolice],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const activity = created.data.enterprise.createActivity;
    expect(activity).toMatchObject({ hostPartnerId: demo.partners.widening, host: { name: '沈海高速宁海段改扩建工程项目部' }, version: 1 });

    const minutes = '一、通报征迁进度；二、党员责任区划分；三、下一步入户宣传安排';
    const updated = await host.request(
      `mutation($id: ID!, $v: Int!, $input: ActivityInput!) { enterprise { updateActivity(id: $id, version: $v, input: $input) { ${activityFields} } } }`,
      { id: activity.id, v: activity.version, input: { minutes, advancedCommitmentIds: [advanced.id] } },
    );
    expect(updated.errors).toBeUndefined();
    const attendance = [
      { partnerId: demo.partners.widening, partnerName: partnersOf.widening.name, attendees: 18 },
      { partnerId: demo.partners.ninghai, partnerName: partnersOf.ninghai.name, attendees: 12 },
      { partnerId: demo.partners.trafficPolice, partnerName: partnersOf.trafficPolice.name, attendees: 6 },
    ];
    const recorded = await host.request(
      `mutation($id: ID!, $v: Int!, $att: [AttendanceInput!]!) { enterprise { recordAttendance(id: $id, version: $v, attendance: $att) { ${activityFields} } } }`,
      { id: activity.id, v: updated.data.enterprise.updateActivity.version, att: attendance },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.enterprise.recordAttendance).toMatchObject({ minutes, attendance, version: 3 });

    const seen = await eventually(async () => {
      const response = await anonymous.request(
        `query($id: ID!) { alliance(id: $id) { activities { __typename id title type minutes hostPartnerId
          invitedPartners { id name } advancedCommitments { id title status } attendance { partnerId attendees } } } }`,
        { id: alliance },
      );
      const found = response.data?.alliance?.activities?.find((a: any) => a.id === activity.id);
      return found?.advancedCommitments?.length ? found : null;
    });
    expect(seen).toMatchObject({ __typename: 'EnterpriseActivity', type: 'THEME_PARTY_DAY', minutes });
    expect(seen.invitedPartners.map((p: any) => p.id).sort()).toEqual([demo.partners.ninghai, demo.partners.trafficPolice].sort());
    expect(seen.invitedPartners.every((p: any) => typeof p.name === 'string' && p.name.length > 0)).toBe(true);
    expect(seen.advancedCommitments).toEqual([{ id: advanced.id, title: '“党建+征迁”入户宣传', status: 'PUBLISHED' }]);
    expect(seen.attendance.reduce((sum: number, a: any) => sum + a.attendees, 0)).toBe(36);
  });

  it('refuses an invitation to a partner outside the alliance, and another partner’s editor changing the activity', async () => {
    const alliance = await foundAlliance(coordinator, '活动权限联盟', ['widening', 'ninghai', 'trafficPolice']);
    const outsider = await widening.caller.request(
      `mutation($a: ID!, $input: ActivityInput!) { enterprise { createActivity(allianceId: $a, input: $input) { id } } }`,
      {
        a: alliance,
        input: {
          title: '主题党日',
          type: 'THEME_PARTY_DAY',
          startsAt: '2026-12-01T01:00:00Z',
          invitedPartnerIds: [demo.partners.tangyuanVillage],
        },
      },
    );
    expect(outsider.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);

    const created = await widening.caller.request(
      `mutation($a: ID!, $input: ActivityInput!) { enterprise { createActivity(allianceId: $a, input: $input) { id version title } } }`,
      { a: alliance, input: { title: '理论学习大课堂', type: 'STUDY_SESSION', startsAt: '2026-12-02T01:00:00Z' } },
    );
    const activity = created.data.enterprise.createActivity;
    const hijack = await police.caller.request(
      `mutation($id: ID!, $v: Int!) { enterprise { updateActivity(id: $id, version: $v, input: { title: "被改掉的标题" }) { id } } }`,
      { id: activity.id, v: activity.version },
    );
    expect(hijack.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const [row] = await sql(hub.databaseUrls.enterprise!, 'select title, version from joint_activity where id = $1', [activity.id]);
    expect(row).toEqual({ title: '理论学习大课堂', version: activity.version });
  });
});
