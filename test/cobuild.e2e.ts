import { stableId } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  allianceNeed,
  CobuildDesk,
  claimNeed,
  cobuildFigures,
  decideClaim,
  evaluateProject,
  readProject,
  withdrawClaim,
} from './support/cobuild.ts';
import { demo, eventually, metric, startTestHub } from './support/hub.ts';
import { type Caller, CommitmentDesk, dayFromToday, foundAlliance, ok, people, signIn, sql } from './support/publishing.ts';

/**
 * 三张清单 and 领办 through the gateway: partners publish needs and resources into their own
 * subgraphs, the alliance matches them on its index, a partner claims a need, the needing partner
 * accepts, each partner's subgraph gets the project's draft commitment, both deliver, the needing
 * partner evaluates and the project is closed (销号). Each test founds an alliance of its own.
 */

let hub: RunningStack;
let anonymous: Caller;
let viewer: Caller;
let coordinator: Caller;
let widening: CobuildDesk;
let institute: CobuildDesk;
let police: CobuildDesk;
let ninghai: CobuildDesk;

const everyMember = ['widening', 'ninghai', 'institute', 'trafficPolice', 'lawEnforcement'] as const;

/** The highway project's need the institute's monitoring resource answers (the seeds' story). */
const slopeNeed = {
  title: '高边坡施工变形监测技术支持',
  description: 'K1510 高边坡开挖期间需要监测方案与预警阈值',
  category: 'PERFORMANCE',
  tags: ['高边坡', '监测', '科研'],
  place: '宁海',
  wantedBy: dayFromToday(90),
  help: [{ kind: 'EXPERTISE', amount: 3, unit: '人' }],
};
const slopeResource = {
  title: '高边坡监测与预警技术团队',
  description: '研究所 3 名教师、6 名研究生，自有监测设备',
  category: 'PERFORMANCE',
  tags: ['高边坡', '监测', '智慧建造'],
  place: '宁海',
  availableFrom: dayFromToday(-10),
  availableUntil: dayFromToday(200),
  offers: [
    { kind: 'EXPERTISE', amount: 5, unit: '人' },
    { kind: 'EQUIPMENT', amount: 2, unit: '套' },
  ],
  conditions: '需项目部提供现场安全培训',
};
const patrolResource = {
  title: '施工路段联合巡查警力',
  category: 'SHARED_RESPONSIBILITY',
  tags: ['保畅通', '巡查'],
  place: '宁海',
  offers: [{ kind: 'PEOPLE', amount: 4, unit: '人' }],
};

beforeAll(async () => {
  hub = await startTestHub(4280);
  const url = hub.gatewayUrl;
  anonymous = await signIn(url, null);
  viewer = await signIn(url, people.viewer);
  coordinator = await signIn(url, people.coordinator);
  widening = new CobuildDesk(await signIn(url, people.wideningEditor), 'ENTERPRISE');
  institute = new CobuildDesk(await signIn(url, people.instituteEditor), 'UNIVERSITY');
  police = new CobuildDesk(await signIn(url, people.policeEditor), 'TRAFFIC_POLICE');
  ninghai = new CobuildDesk(await signIn(url, people.ninghaiEditor), 'TOWN_VILLAGE');
});

afterAll(async () => {
  await hub?.stop();
});

/** Waits until the alliance's index holds the need and `until` holds for it. */
function untilNeed(allianceId: string, needId: string, until: (need: any) => boolean = () => true, caller: Caller = viewer) {
  return eventually(async () => {
    const need = await allianceNeed(caller, allianceId, needId);
    return need && until(need) ? need : null;
  }, 15_000);
}

describe('needs and resources in each partner’s own subgraph', () => {
  it('keeps drafts private to their partner and indexes what is published, never the description', async () => {
    const alliance = await foundAlliance(coordinator, '需求草稿联盟', everyMember);
    const draft = ok(await widening.create('Need', alliance, slopeNeed));
    expect(draft).toMatchObject({ __typename: 'EnterpriseNeed', status: 'DRAFT', version: 1, partnerId: demo.partners.widening });
    expect(draft.tags).toEqual(['高边坡', '监测', '科研']);

    for (const other of [anonymous, viewer, coordinator, institute.caller, police.caller]) {
      const seen = await new CobuildDesk(other, 'ENTERPRISE').read('Need', draft.id);
      expect(seen.item, `${other.label} must not see the draft`).toBeNull();
    }
    expect(await allianceNeed(coordinator, alliance, draft.id)).toBeNull();

    const published = ok(await widening.publish('Need', draft.id, draft.version));
    expect(published.status).toBe('PUBLISHED');
    const indexed = await untilNeed(alliance, draft.id);
    expect(indexed).toMatchObject({ stage: 'OPEN', inClaimHall: false, partnerId: demo.partners.widening });
    // Everyone of the alliance now reads it, description included, from the partner's own subgraph.
    expect(ok(await new CobuildDesk(viewer, 'ENTERPRISE').read('Need', draft.id)).description).toBe(slopeNeed.description);
    const [row] = await sql(hub.databaseUrls.alliance!, 'select * from need_index where id = $1', [draft.id]);
    expect(JSON.stringify(row)).not.toContain(slopeNeed.description);
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const alliance = await foundAlliance(coordinator, '需求校验联盟', everyMember);
    const cases: [string, Record<string, unknown>][] = [
      ['title', { ...slopeNeed, title: '' }],
      ['title', { ...slopeNeed, title: '监测\u0000需求' }],
      ['title', { ...slopeNeed, title: '长'.repeat(201) }],
      ['tags', { ...slopeNeed, tags: Array.from({ length: 4000 }, (_, i) => `t${i}`) }],
      ['help', { ...slopeNeed, help: [] }],
      ['help', { ...slopeNeed, help: [{ kind: 'FUNDS', amount: -30000, unit: '元' }] }],
      ['help', { ...slopeNeed, help: [{ kind: 'FUNDS' }, { kind: 'FUNDS' }] }],
      ['wantedBy', { ...slopeNeed, wantedBy: '2026-02-30' }],
    ];
    const before = await sql(hub.databaseUrls.enterprise!, 'select count(*)::int as n from need');
    for (const [field, input] of cases) {
      const refused = await widening.create('Need', alliance, input);
      expect(refused.codes, `${field}: ${JSON.stringify(input).slice(0, 80)}`).toEqual(['BAD_USER_INPUT']);
      expect(refused.messages.join(' ')).not.toMatch(/violates|syntax|relation|postgres/i);
    }
    const after = await sql(hub.databaseUrls.enterprise!, 'select count(*)::int as n from need');
    expect(after[0].n).toBe(before[0].n);
    // An editor writes only for its own partner, and only in alliances it belongs to (as commitments).
    const elsewhere = await foundAlliance(coordinator, '无项目部联盟', ['institute', 'ninghai']);
    expect((await widening.create('Need', elsewhere, slopeNeed)).codes).toEqual(['BAD_USER_INPUT']);
    expect((await new CobuildDesk(coordinator, 'ENTERPRISE').create('Need', alliance, slopeNeed)).codes).toEqual(['FORBIDDEN']);
  });
});

describe('matching inside the alliance', () => {
  it('ranks other partners’ resources by fit, with reasons, and follows their changes', async () => {
    const alliance = await foundAlliance(coordinator, '匹配联盟', everyMember);
    const need = await widening.publishNew('Need', alliance, slopeNeed);
    const monitoring = await institute.publishNew('Resource', alliance, slopeResource);
    const patrol = await police.publishNew('Resource', alliance, patrolResource);
    const own = await widening.publishNew('Resource', alliance, { ...slopeResource, title: '项目部自有监测设备' });

    const matched = await untilNeed(alliance, need.id, (n) => n.matches.some((m: any) => m.resource.id === patrol.id));
    const ids = matched.matches.map((m: any) => m.resource.id);
    expect(ids[0]).toBe(monitoring.id);
    expect(ids).not.toContain(own.id); // never a partner's own resource
    const best = matched.matches[0];
    expect(best.resource.partnerId).toBe(demo.partners.institute);
    expect(best.reasons.map((r: any) => r.code)).toEqual(expect.arrayContaining(['SAME_CATEGORY', 'SHARED_TAGS', 'HELP_KIND']));
    expect(best.reasons.find((r: any) => r.code === 'SHARED_TAGS').detail).toContain('高边坡');
    const scores = matched.matches.map((m: any) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // The institute withdraws its resource: it is no longer proposed.
    ok(await institute.withdraw('Resource', monitoring.id, monitoring.version, '团队已投入其他项目'));
    const after = await untilNeed(alliance, need.id, (n) => !n.matches.some((m: any) => m.resource.id === monitoring.id));
    expect(after.matches[0].resource.id).toBe(patrol.id);
  });
});

describe('领办: claim, accept, deliver, evaluate, close', () => {
  it('runs the whole cycle, creating each partner’s draft commitment in its own subgraph', async () => {
    const alliance = await foundAlliance(coordinator, '领办全流程联盟', everyMember);
    const need = await widening.publishNew('Need', alliance, slopeNeed);
    const monitoring = await institute.publishNew('Resource', alliance, slopeResource);
    await untilNeed(alliance, need.id, (n) => n.matches.some((m: any) => m.resource.id === monitoring.id));

    // Two partners claim; the needing partner accepts the institute's claim.
    const claim = ok(
      await claimNeed(institute.caller, { needId: need.id, resourceId: monitoring.id, proposal: '派 3 名教师驻场，两周内给出监测方案' }),
    );
    expect(claim).toMatchObject({ status: 'PENDING', claimantPartnerId: demo.partners.institute, resourceId: monitoring.id });
    const rival = ok(await claimNeed(police.caller, { needId: need.id, proposal: '协助现场交通组织' }));
    expect((await untilNeed(alliance, need.id, (n) => n.claims.length === 2)).stage).toBe('CLAIMED');

    const accepted = ok(await decideClaim(widening.caller, claim.id, claim.version, true, '欢迎研究所团队'));
    expect(accepted.status).toBe('ACCEPTED');
    const settled = await untilNeed(alliance, need.id, (n) => n.project !== null);
    expect(settled.stage).toBe('IN_PROJECT');
    expect(settled.claims.find((c: any) => c.id === rival.id).status).toBe('DECLINED');

    // Each partner's subgraph creates its draft commitment of the project (pulled from the alliance);
    // a draft is its own partner's until published, so each editor sees its own and nobody else does.
    const projectId = settled.project.id;
    const ownDraft = (caller: Caller, partnerId: string) =>
      eventually(async () => {
        const read = ok(await readProject(caller, projectId));
        return read.commitments.find((c: any) => c?.partnerId === partnerId) ?? null;
      }, 15_000);
    const wideningCommitment = await ownDraft(widening.caller, demo.partners.widening);
    const instituteCommitment = await ownDraft(institute.caller, demo.partners.institute);
    expect(wideningCommitment).toMatchObject({ __typename: 'EnterpriseCommitment', status: 'DRAFT' });
    expect(instituteCommitment).toMatchObject({ __typename: 'UniversityCommitment', status: 'DRAFT' });
    const project = ok(await readProject(coordinator, projectId));
    expect(project).toMatchObject({ status: 'ACTIVE', needingPartnerId: demo.partners.widening, givingPartnerId: demo.partners.institute });
    expect(project.commitments).toEqual([null, null]);
    const [stored] = await sql(hub.databaseUrls.university!, 'select status, alliance_id from commitment where id = $1', [
      instituteCommitment.id,
    ]);
    expect(stored).toMatchObject({ status: 'DRAFT', alliance_id: alliance });

    // Evaluating before delivery is refused.
    expect((await evaluateProject(widening.caller, projectId, project.version, { satisfaction: 5, comment: '很好' })).codes).toEqual([
      'CONFLICT',
    ]);

    // Both partners publish and complete their commitments (销项): the project is delivered.
    for (const [desk, commitment] of [
      [new CommitmentDesk(widening.caller, 'ENTERPRISE'), wideningCommitment],
      [new CommitmentDesk(institute.caller, 'UNIVERSITY'), instituteCommitment],
    ] as const) {
      const draft = ok(await desk.read(commitment.id));
      const published = ok(await desk.publish(draft.id, draft.version));
      ok(await desk.complete(published.id, published.version));
    }
    const delivered = await eventually(async () => {
      const read = ok(await readProject(coordinator, projectId));
      return read.status === 'DELIVERED' ? read : null;
    }, 15_000);
    expect(delivered.deliveredAt).toBeTruthy();

    // Only the needing partner evaluates; then the project is closed (销号).
    expect((await evaluateProject(institute.caller, projectId, delivered.version, { satisfaction: 5, comment: '自评' })).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect((await evaluateProject(coordinator, projectId, delivered.version, { satisfaction: 5, comment: '代评' })).codes).toEqual([
      'FORBIDDEN',
    ]);
    for (const satisfaction of [0, 6, 2.5, -1]) {
      expect((await evaluateProject(widening.caller, projectId, delivered.version, { satisfaction, comment: '好' })).codes).toEqual([
        'BAD_USER_INPUT',
      ]);
    }
    const closed = ok(
      await evaluateProject(widening.caller, projectId, delivered.version, { satisfaction: 5, comment: '监测方案及时、预警准确' }),
    );
    expect(closed).toMatchObject({ status: 'CLOSED', evaluation: { satisfaction: 5, comment: '监测方案及时、预警准确' } });
    expect(closed.closedAt).toBeTruthy();
    expect((await untilNeed(alliance, need.id, (n) => n.stage === 'CLOSED')).stage).toBe('CLOSED');
    const actions = closed.history.map((h: any) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['CLAIM_ACCEPTED', 'PROJECT_CREATED', 'PROJECT_DELIVERED', 'EVALUATED']));
    expect(closed.history.every((h: any) => h.actor && h.at)).toBe(true);

    // The evaluation feeds the partners' figures.
    const figures = ok(await cobuildFigures(viewer, alliance));
    const of = (partnerId: string) => figures.find((f: any) => f.partnerId === partnerId);
    expect(of(demo.partners.widening)).toMatchObject({ needsPublished: 1, needsMet: 1 });
    expect(of(demo.partners.institute)).toMatchObject({ resourcesPublished: 1, resourcesGiven: 1, evaluations: 1, averageSatisfaction: 5 });
  });

  it('lets nobody claim, decide or evaluate for another partner', async () => {
    const alliance = await foundAlliance(coordinator, '领办权限联盟', everyMember);
    const need = await widening.publishNew('Need', alliance, slopeNeed);
    const monitoring = await institute.publishNew('Resource', alliance, slopeResource);
    const patrol = await police.publishNew('Resource', alliance, patrolResource);
    await untilNeed(alliance, need.id, (n) => n.matches.length >= 2);

    const proposal = '我们来办';
    // Not with another partner's resource, not on one's own need, not without being an editor.
    expect((await claimNeed(institute.caller, { needId: need.id, resourceId: patrol.id, proposal })).codes).toEqual(['FORBIDDEN']);
    expect((await claimNeed(widening.caller, { needId: need.id, proposal })).codes).toEqual(['FORBIDDEN']);
    expect((await claimNeed(anonymous, { needId: need.id, proposal })).codes).toEqual(['UNAUTHENTICATED']);
    for (const caller of [viewer, coordinator]) {
      expect((await claimNeed(caller, { needId: need.id, proposal })).codes, caller.label).toEqual(['FORBIDDEN']);
    }
    expect((await claimNeed(institute.caller, { needId: need.id, proposal: '' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await claimNeed(institute.caller, { needId: 'not-an-id', proposal })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await claimNeed(institute.caller, { needId: '00000000-0000-4000-8000-000000000000', proposal })).codes).toEqual(['NOT_FOUND']);

    const claim = ok(await claimNeed(institute.caller, { needId: need.id, resourceId: monitoring.id, proposal }));
    expect((await claimNeed(institute.caller, { needId: need.id, proposal })).codes).toEqual(['CONFLICT']); // one open claim per partner

    // Only the needing partner decides; a stale version is a conflict.
    for (const caller of [institute.caller, police.caller, ninghai.caller, coordinator, viewer]) {
      expect((await decideClaim(caller, claim.id, claim.version, true)).codes, caller.label).toEqual(['FORBIDDEN']);
    }
    expect((await decideClaim(widening.caller, claim.id, claim.version + 5, true)).codes).toEqual(['CONFLICT']);
    // Only the claimant withdraws; a withdrawn claim cannot be accepted.
    expect((await withdrawClaim(widening.caller, claim.id, claim.version)).codes).toEqual(['FORBIDDEN']);
    const withdrawn = ok(await withdrawClaim(institute.caller, claim.id, claim.version));
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect((await decideClaim(widening.caller, claim.id, withdrawn.version, true)).codes).toEqual(['CONFLICT']);

    // Nothing was created by the refusals.
    const rows = await sql(hub.databaseUrls.alliance!, 'select count(*)::int as n from project where need_id = $1', [need.id]);
    expect(rows[0].n).toBe(0);
  });
});

describe('live updates', () => {
  it('tells a dashboard each step as it happens: published, claimed, accepted, project created, with the need completed from its partner', async () => {
    const alliance = await foundAlliance(coordinator, '领办直播联盟', everyMember);
    const client = createClient({ url: hub.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: { action: string; cursor: string; need: { title: string } | null; actor: string }[] = [];
    const errors: unknown[] = [];
    const stop = client.subscribe(
      {
        query: `subscription($id: ID!) { cobuildChanged(allianceId: $id) { cursor action actor needId need { id ... on Need { title } } } }`,
        variables: { id: alliance },
      },
      {
        next: (value) => (value.errors ? errors.push(value.errors) : received.push((value.data as any).cobuildChanged)),
        error: (e) => errors.push(e),
        complete: () => {},
      },
    );
    try {
      // Subscribed before the first step: wait until the gateway holds the subscription.
      await eventually(async () => (await metric(hub.gatewayUrl, 'hub_live_groups')) >= 1);
      const need = await widening.publishNew('Need', alliance, slopeNeed);
      await untilNeed(alliance, need.id);
      const claim = ok(await claimNeed(institute.caller, { needId: need.id, proposal: '研究所来办' }));
      ok(await decideClaim(widening.caller, claim.id, claim.version, true));
      const seen = await eventually(async () => {
        const actions = received.map((event) => event.action);
        return ['NEED_PUBLISHED', 'CLAIMED', 'CLAIM_ACCEPTED', 'PROJECT_CREATED'].every((a) => actions.includes(a)) ? received : null;
      }, 15_000);
      expect(errors).toEqual([]);
      expect(seen.map((event) => event.action).slice(0, 2)).toEqual(['NEED_PUBLISHED', 'CLAIMED']);
      expect(seen.every((event) => event.need?.title === slopeNeed.title)).toBe(true);
      expect(seen.find((event) => event.action === 'CLAIMED')?.actor).toContain('李静');
      const cursors = seen.map((event) => BigInt(event.cursor));
      expect(cursors).toEqual([...cursors].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(cursors).size).toBe(cursors.length);
    } finally {
      stop();
      await client.dispose();
    }
  });
});

describe('领办大厅', () => {
  it('puts a need nobody claims within the alliance’s days into the claim hall, and takes it out once claimed', async () => {
    const alliance = await foundAlliance(coordinator, '领办大厅联盟', everyMember);
    const setDays = (caller: Caller, days: number) =>
      caller.request(`mutation($id: ID!, $days: Int!) { setClaimHallDays(allianceId: $id, days: $days) { id claimHallDays } }`, {
        id: alliance,
        days,
      });
    for (const days of [0, -3, 366]) {
      expect((await setDays(coordinator, days)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await setDays(widening.caller, 3)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await setDays(coordinator, 3)).data?.setClaimHallDays.claimHallDays).toBe(3);

    const waiting = await ninghai.publishNew('Need', alliance, {
      title: '迁坟政策宣讲志愿者',
      category: 'WORK_LINKAGE',
      tags: ['征迁', '宣讲'],
      help: [{ kind: 'PEOPLE', amount: 6, unit: '人' }],
    });
    const fresh = await ninghai.publishNew('Need', alliance, {
      title: '村道硬化机械支持',
      category: 'PERFORMANCE',
      tags: ['基础设施'],
      help: [{ kind: 'EQUIPMENT', amount: 2, unit: '台' }],
    });
    await untilNeed(alliance, fresh.id);
    expect((await allianceNeed(viewer, alliance, waiting.id)).inClaimHall).toBe(false);
    // Four days pass for the first need.
    await sql(hub.databaseUrls.alliance!, `update need_index set published_at = published_at - interval '4 days' where id = $1`, [
      waiting.id,
    ]);

    const hall = async (caller: Caller) =>
      ((await caller.request(`query($id: ID!) { alliance(id: $id) { claimHall { id title } } }`, { id: alliance })).data?.alliance
        ?.claimHall ?? []) as { id: string }[];
    for (const caller of [viewer, anonymous, police.caller]) {
      expect((await hall(caller)).map((n) => n.id)).toEqual([waiting.id]);
    }
    // An editor's reads are never answered from the gateway's cache, which this SQL bypassed.
    expect((await allianceNeed(police.caller, alliance, waiting.id)).inClaimHall).toBe(true);

    ok(await claimNeed(police.caller, { needId: waiting.id, proposal: '交警大队党员志愿者参与宣讲' }));
    expect(await hall(viewer)).toEqual([]);
  });
});

describe('the demo data', () => {
  /** Each seeded need with the resource its story intends (docs/domain.md's alliances). */
  const intended: [string, string][] = [
    ['need/slope-monitoring', 'resource/slope-monitoring-team'],
    ['need/traffic-guarantee', 'resource/patrol-force'],
    ['need/relocation-volunteers', 'resource/volunteer-team'],
    ['need/practice-base', 'resource/smart-site'],
    ['need/safety-publicity-venue', 'resource/culture-hall'],
    ['need/inspection-training', 'resource/training-course'],
    ['need/village-road', 'resource/road-machinery'],
    ['need/tower-relocation', 'resource/village-committee'],
  ];

  it('proposes each open seeded need’s intended resource among its top three; a matched one is in a project with it', async () => {
    for (const [need, resource] of intended) {
      const inTangyuan = need === 'need/village-road' || need === 'need/tower-relocation';
      const allianceId = inTangyuan ? demo.alliances.tangyuan : demo.alliances.highway;
      const seen = await untilNeed(allianceId, stableId(need), (n) => n.project !== null || n.matches.length > 0);
      if (seen.project) {
        expect(seen.project.resource?.id, `${need} → ${resource}`).toBe(stableId(resource));
        expect(seen.matches, 'a need in a project proposes nothing more').toEqual([]);
      } else {
        const top = seen.matches.slice(0, 3).map((m: any) => m.resource.id);
        expect(top, `${need} → ${resource}`).toContain(stableId(resource));
      }
    }
  });

  it('tells the cycle at every stage: evaluated, in a project, claimed, open, waiting in the claim hall', async () => {
    const stageOf = async (need: string, allianceId = demo.alliances.highway) => (await untilNeed(allianceId, stableId(need))).stage;
    expect(await stageOf('need/slope-monitoring')).toBe('CLOSED');
    expect(await stageOf('need/traffic-guarantee')).toBe('IN_PROJECT');
    expect(await stageOf('need/village-road', demo.alliances.tangyuan)).toBe('IN_PROJECT');
    expect(await stageOf('need/relocation-volunteers')).toBe('CLAIMED');
    expect(await stageOf('need/practice-base')).toBe('OPEN');
    const hall = await viewer.request(`query($id: ID!) { alliance(id: $id) { claimHall { id } } }`, { id: demo.alliances.highway });
    expect(hall.data.alliance.claimHall.map((n: any) => n.id)).toContain(stableId('need/inspection-training'));
    const figures = ok(await cobuildFigures(viewer, demo.alliances.highway));
    expect(figures.find((f: any) => f.partnerId === demo.partners.institute)).toMatchObject({ resourcesGiven: 1, averageSatisfaction: 5 });
  });
});
