import { join } from 'node:path';
import { gatewayIssuer, identityHeader, openKeyRing, signInternalIdentity, stableId } from '@hub/contracts';
import type { RunningStack, SubgraphName } from '@hub/testkit';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, startTestHub } from './support/hub.ts';
import { gatewayIdentity, signerOf } from './support/identity.ts';
import {
  type Caller,
  CommitmentDesk,
  foundAlliance,
  listedItems,
  ok,
  people,
  postJson,
  signIn,
  sql,
  storedTrail,
  untilRelayed,
  userToken,
} from './support/publishing.ts';

/**
 * Who may do what: identity is verified at the gateway and forwarded, signed, to the subgraphs,
 * which refuse anything else; each subgraph enforces that only a partner's own editors change
 * its data and see its members' personal data; the coordinator alone manages alliances.
 */

let hub: RunningStack;
let url: string;
let anonymous: Caller;
let viewer: Caller;
let coordinator: Caller;
let policeEditor: Caller;
let enforcementEditor: Caller;
let wideningEditor: Caller;

/** Seeded items of the highway alliance (services/traffic-police/src/seed.ts). */
const publishedPoliceItem = stableId('commitment/tp-approval');
const enforcementDraft = stableId('commitment/le-draft');
const policeBranch = stableId('branch/highway-traffic-police');
/** A police member's phone number and post: personal data that must not leave the police's editors. */
const personalData = ['138-0000-1102', '一中队中队长', '138-0000-1101'];

beforeAll(async () => {
  hub = await startTestHub(4110);
  url = hub.gatewayUrl;
  anonymous = await signIn(url, null);
  viewer = await signIn(url, people.viewer);
  coordinator = await signIn(url, people.coordinator);
  policeEditor = await signIn(url, people.policeEditor);
  enforcementEditor = await signIn(url, people.enforcementEditor);
  wideningEditor = await signIn(url, people.wideningEditor);
  // The seeded items reach the alliance through the partners' relays; wait until they have.
  await untilRelayed(hub);
});

afterAll(async () => {
  await hub?.stop();
});

const createAlliance = `mutation($name: String!) { createAlliance(input: { name: $name, coordinatorName: "测试牵头单位" }) { id } }`;

async function alliancesNamed(name: string): Promise<number> {
  const [row] = await sql<{ n: string }>(hub.databaseUrls.alliance, 'select count(*) as n from alliance where name = $1', [name]);
  return Number(row?.n);
}

/** An internal identity token for `subgraph` that is expired, though signed with the gateway's key. */
async function expiredIdentity(subgraph: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const key = await (await signerOf(hub, gatewayIssuer)).keys.signing();
  return new SignJWT({ role: 'partner_editor', pid: demo.partners.trafficPolice })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setSubject('expired-identity')
    .setIssuer(gatewayIssuer)
    .setAudience(subgraph)
    .setIssuedAt(now - 600)
    .setExpirationTime(now - 300)
    .sign(key.privateKey);
}

describe('identity at the gateway', () => {
  it('turns away garbage, expired, wrongly signed and malformed tokens with 401 UNAUTHENTICATED, running nothing', async () => {
    const coordinatorClaims = { role: 'coordinator', name: '冒充的牵头单位' };
    const valid = await userToken(coordinatorClaims);
    const [header, payload] = valid.split('.');
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'someone-else' })).toString(
        'base64url',
      ),
      valid.split('.')[2],
    ].join('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const authorizations: Record<string, string> = {
      garbage: 'Bearer not-a-token',
      'empty bearer': 'Bearer ',
      'basic scheme': `Basic ${Buffer.from('coordinator:secret').toString('base64')}`,
      expired: `Bearer ${await userToken(coordinatorClaims, { expiresInSeconds: -60 })}`,
      'another secret': `Bearer ${await userToken(coordinatorClaims, { secret: 'another-secret-another-secret-another-secret' })}`,
      'another issuer': `Bearer ${await userToken(coordinatorClaims, { issuer: 'someone-else' })}`,
      'another audience': `Bearer ${await userToken(coordinatorClaims, { audience: 'someone-else' })}`,
      'tampered payload': `Bearer ${tampered}`,
      'alg none': `Bearer ${unsigned}`,
      'unknown role': `Bearer ${await userToken({ role: 'admin' })}`,
      'editor without a partner': `Bearer ${await userToken({ role: 'partner_editor' })}`,
    };
    for (const [flaw, authorization] of Object.entries(authorizations)) {
      const name = `不应创建的联盟（${flaw}）`;
      const response = await postJson(url, { query: createAlliance, variables: { name } }, { authorization });
      expect(response.status, flaw).toBe(401);
      expect(response.codes, flaw).toEqual(['UNAUTHENTICATED']);
      expect(response.body.data, flaw).toBeUndefined();
      expect(await alliancesNamed(name), flaw).toBe(0);
    }
    // The same request with a sound token goes through, so the refusals above are about the token.
    const sound = await postJson(
      url,
      { query: createAlliance, variables: { name: '令牌有效的联盟' } },
      { authorization: `Bearer ${valid}` },
    );
    expect(sound.status).toBe(200);
    expect(sound.body.data.createAlliance.id).toBeTruthy();
  });

  it('ignores an identity header sent by a client: only the gateway speaks for the caller', async () => {
    const forged = await gatewayIdentity(
      hub,
      { subject: 'forger', role: 'partner_editor', partnerId: demo.partners.trafficPolice },
      'traffic-police',
    );
    const query = `{ trafficPolice { myCommitments { id } } }`;
    const asAnonymous = await postJson(url, { query }, { [identityHeader]: forged });
    expect(asAnonymous.codes).toEqual(['UNAUTHENTICATED']);
    const asViewer = await postJson(url, { query }, { [identityHeader]: forged, authorization: `Bearer ${viewer.token}` });
    expect(asViewer.codes).toEqual(['FORBIDDEN']);
  });
});

describe('subgraphs answer only the gateway', () => {
  const subgraphs: SubgraphName[] = ['alliance', 'enterprise', 'town-village', 'university', 'traffic-police'];

  it('refuses a direct call with no identity, a user’s token, a wrongly signed or an expired identity: 401 UNAUTHENTICATED', async () => {
    const anotherKey = { issuer: gatewayIssuer, keys: await openKeyRing(join(hub.keysDir, 'not-the-gateway.jwks.json'), { create: true }) };
    for (const name of subgraphs) {
      const identities: Record<string, string | undefined> = {
        'no identity': undefined,
        'a user token': policeEditor.token,
        'another key': await signInternalIdentity({ subject: 'forger', role: 'coordinator' }, anotherKey, name),
        expired: await expiredIdentity(name),
      };
      for (const [flaw, identity] of Object.entries(identities)) {
        const response = await postJson(
          hub.subgraphUrls[name]!,
          { query: '{ __typename }' },
          identity ? { [identityHeader]: identity } : {},
        );
        expect(response.status, `${name}, ${flaw}`).toBe(401);
        expect(response.codes, `${name}, ${flaw}`).toEqual(['UNAUTHENTICATED']);
        expect(response.body.data, `${name}, ${flaw}`).toBeUndefined();
      }
      // A gateway-signed identity is let in, so the refusals above are about the identity.
      const signed = await gatewayIdentity(hub, { subject: 'gateway-check', role: 'viewer' }, name);
      const admitted = await postJson(hub.subgraphUrls[name]!, { query: '{ __typename }' }, { [identityHeader]: signed });
      expect(admitted.status, name).toBe(200);
    }
  });

  it('writes nothing when a partner subgraph is called directly without the gateway', async () => {
    const response = await postJson(hub.subgraphUrls['traffic-police']!, {
      query: `mutation($id: ID!) { trafficPolice { updateCommitment(id: $id, version: 1, input: { title: "绕过网关" }) { id } } }`,
      variables: { id: publishedPoliceItem },
    });
    expect(response.status).toBe(401);
    const { row } = await storedTrail(hub.databaseUrls['traffic-police']!, publishedPoliceItem);
    expect(row.title).toBe('改扩建交通保通方案联合审批');
  });

  it('takes list events only from partner relays: a gateway identity cannot feed the joint list', async () => {
    const fakeId = '00000000-0000-4000-8000-000000000001';
    const event = {
      events: [
        {
          eventId: '00000000-0000-4000-8000-000000000002',
          entity: 'commitment',
          entityId: fakeId,
          version: 1,
          payload: {
            id: fakeId,
            allianceId: demo.alliances.highway,
            partnerId: demo.partners.trafficPolice,
            title: '伪造的清单事项',
            category: 'WORK_LINKAGE',
            status: 'PUBLISHED',
            progress: 0,
            startDate: null,
            dueDate: null,
            publishedAt: new Date().toISOString(),
            completedAt: null,
            lastProgressAt: null,
            updatedAt: new Date().toISOString(),
          },
        },
      ],
    };
    const ingestUrl = hub.subgraphUrls.alliance.replace(/\/graphql$/, '/ingest');
    expect((await postJson(ingestUrl, event)).status).toBe(401);
    const asCoordinator = await gatewayIdentity(hub, { subject: 'x', role: 'coordinator' }, 'alliance');
    const refused = await postJson(ingestUrl, event, { [identityHeader]: asCoordinator });
    expect(refused.status).toBe(403);
    expect(refused.codes).toEqual(['FORBIDDEN']);
    expect((await listedItems(anonymous, demo.alliances.highway)).map((n) => n.id)).not.toContain(fakeId);
  });
});

/** Every kind of write, aimed at the highway alliance's seeded data; each returns the response's codes. */
function writes(caller: Caller) {
  const run = async (query: string, variables: Record<string, unknown> = {}) =>
    (await caller.request(query, variables)).errors?.map((e) => String(e.extensions?.code)) ?? [];
  const alliance = demo.alliances.highway;
  return {
    createCommitment: () =>
      run(
        `mutation($a: ID!) { trafficPolice { createCommitment(allianceId: $a, input: { title: "越权", category: WORK_LINKAGE }) { id } } }`,
        { a: alliance },
      ),
    updateCommitment: () =>
      run(`mutation($id: ID!) { trafficPolice { updateCommitment(id: $id, version: 1, input: { title: "越权" }) { id } } }`, {
        id: publishedPoliceItem,
      }),
    reportProgress: () =>
      run(`mutation($id: ID!) { trafficPolice { reportProgress(id: $id, version: 1, input: { percent: 99, text: "越权" }) { id } } }`, {
        id: publishedPoliceItem,
      }),
    completeCommitment: () =>
      run(`mutation($id: ID!) { trafficPolice { completeCommitment(id: $id, version: 1) { id } } }`, { id: publishedPoliceItem }),
    withdrawCommitment: () =>
      run(`mutation($id: ID!) { trafficPolice { withdrawCommitment(id: $id, version: 1, reason: "越权") { id } } }`, {
        id: publishedPoliceItem,
      }),
    publishCommitment: () =>
      run(`mutation($id: ID!) { trafficPolice { publishCommitment(id: $id, version: 1) { id } } }`, { id: enforcementDraft }),
    createActivity: () =>
      run(
        `mutation($a: ID!) { trafficPolice { createActivity(allianceId: $a, input: { title: "越权", type: LECTURE, startsAt: "2026-12-01T00:00:00Z" }) { id } } }`,
        { a: alliance },
      ),
    createBranch: () => run(`mutation { trafficPolice { createBranch(input: { name: "越权支部" }) { id } } }`),
    updateBranch: () =>
      run(`mutation($id: ID!) { trafficPolice { updateBranch(id: $id, input: { secretary: "越权" }) { id } } }`, { id: policeBranch }),
    saveGroup: () =>
      run(`mutation($id: ID!) { trafficPolice { saveGroup(branchId: $id, input: { name: "越权小组", memberCount: 1 }) { id } } }`, {
        id: policeBranch,
      }),
  };
}

/** What the traffic-police database holds that the writes above could change. */
async function policeData() {
  const db = hub.databaseUrls['traffic-police']!;
  return {
    published: await storedTrail(db, publishedPoliceItem),
    draft: await storedTrail(db, enforcementDraft),
    branch: (await sql(db, 'select name, secretary, member_count from party_branch where id = $1', [policeBranch]))[0],
    counts: (
      await sql(
        db,
        `select (select count(*) from commitment) as commitments, (select count(*) from joint_activity) as activities,
           (select count(*) from party_branch) as branches, (select count(*) from party_group) as groups, (select count(*) from outbox) as outbox`,
      )
    )[0],
  };
}

describe('anonymous callers', () => {
  it('read the published joint list and its statistics, but no drafts', async () => {
    const items = await listedItems(anonymous, demo.alliances.highway);
    expect(items.length).toBeGreaterThan(10);
    expect(items.some((n) => n.status === 'DRAFT')).toBe(false);
    expect(items.map((n) => n.id)).not.toContain(enforcementDraft);
    const stats = await anonymous.request(
      `query($id: ID!) { alliance(id: $id) { stats { overall { total completed } byPartner { partnerName total } } } }`,
      {
        id: demo.alliances.highway,
      },
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data.alliance.stats.overall.total).toBe(items.filter((n) => n.status !== 'WITHDRAWN').length);
    expect(stats.data.alliance.stats.byPartner).toHaveLength(5);

    const desk = new CommitmentDesk(anonymous, 'TRAFFIC_POLICE');
    expect((await desk.read(enforcementDraft)).item).toBeNull();
    expect(
      (await anonymous.request(`query($id: ID!) { commitment(id: $id) { id } }`, { id: enforcementDraft })).data?.commitment,
    ).toBeNull();
    expect((await desk.mine()).codes).toEqual(['UNAUTHENTICATED']);
  });

  it('cannot write: every write is refused UNAUTHENTICATED and nothing changes', async () => {
    const before = await policeData();
    for (const [name, attempt] of Object.entries(writes(anonymous))) {
      expect(await attempt(), name).toEqual(['UNAUTHENTICATED']);
    }
    const name = '匿名创建的联盟';
    expect((await anonymous.request(createAlliance, { name })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await alliancesNamed(name)).toBe(0);
    expect(await policeData()).toEqual(before);
  });
});

describe('dashboard viewers', () => {
  it('read the joint list and statistics, but every write is FORBIDDEN and nothing changes', async () => {
    expect((await listedItems(viewer, demo.alliances.highway)).length).toBeGreaterThan(10);
    const before = await policeData();
    for (const [name, attempt] of Object.entries(writes(viewer))) {
      expect(await attempt(), name).toEqual(['FORBIDDEN']);
    }
    const name = '大屏创建的联盟';
    expect((await viewer.request(createAlliance, { name })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await alliancesNamed(name)).toBe(0);
    expect(await policeData()).toEqual(before);
  });
});

describe('partner editors', () => {
  it('cannot change another partner’s commitment, branch or activity — even one hosted by the same subgraph — and nothing changes', async () => {
    const before = await policeData();
    const attempts = writes(enforcementEditor);
    for (const name of [
      'updateCommitment',
      'reportProgress',
      'completeCommitment',
      'withdrawCommitment',
      'updateBranch',
      'saveGroup',
    ] as const) {
      expect(await attempts[name](), `law enforcement editor: ${name}`).toEqual(['FORBIDDEN']);
    }
    // The police editor cannot publish the law-enforcement brigade's draft either.
    expect(await writes(policeEditor).publishCommitment(), 'police editor: publish another partner’s draft').toEqual(['FORBIDDEN']);
    // Nor can the coordinator or an editor of another kind touch the police's item.
    expect(await writes(coordinator).updateCommitment(), 'coordinator').toEqual(['FORBIDDEN']);
    expect(await writes(wideningEditor).updateCommitment(), 'enterprise editor').toEqual(['FORBIDDEN']);
    expect(await policeData()).toEqual(before);
    const listed = (await listedItems(anonymous, demo.alliances.highway)).find((n) => n.id === publishedPoliceItem);
    expect(listed).toMatchObject({ title: '改扩建交通保通方案联合审批', status: 'PUBLISHED', progress: 0 });
  });

  it('write only in their own partner’s subgraph: an enterprise editor cannot create items or branches among the traffic police', async () => {
    const before = await policeData();
    const attempts = writes(wideningEditor);
    const refusals = {
      createCommitment: await attempts.createCommitment(),
      createBranch: await attempts.createBranch(),
      createActivity: await attempts.createActivity(),
    };
    expect(refusals).toEqual({ createCommitment: ['FORBIDDEN'], createBranch: ['FORBIDDEN'], createActivity: ['FORBIDDEN'] });
    expect((await policeData()).counts).toEqual(before.counts);
  });

  it('maintain their own branches and party groups, which everyone can then read', async () => {
    const police = (query: string, variables: Record<string, unknown>) => policeEditor.request(query, variables);
    const created = await police(
      `mutation($input: BranchInput!) { trafficPolice { createBranch(input: $input) { id partnerId name secretary memberCount foundedOn members { name } } } }`,
      { input: { name: '宁海高速交警大队第二党支部', secretary: '周斌', memberCount: 8, foundedOn: '2026-11-01' } },
    );
    expect(created.errors).toBeUndefined();
    const branch = created.data.trafficPolice.createBranch;
    expect(branch).toMatchObject({
      partnerId: demo.partners.trafficPolice,
      secretary: '周斌',
      memberCount: 8,
      foundedOn: '2026-11-01',
      members: [],
    });

    const updated = await police(
      `mutation($id: ID!) { trafficPolice { updateBranch(id: $id, input: { secretary: "吴敏", memberCount: 9 }) { secretary memberCount } } }`,
      {
        id: branch.id,
      },
    );
    expect(updated.data.trafficPolice.updateBranch).toEqual({ secretary: '吴敏', memberCount: 9 });
    const group = await police(
      `mutation($id: ID!) { trafficPolice { saveGroup(branchId: $id, input: { name: "三中队党小组", leader: "吴敏", memberCount: 5 }) { id name memberCount } } }`,
      {
        id: branch.id,
      },
    );
    expect(group.errors).toBeUndefined();
    const groupId = group.data.trafficPolice.saveGroup.id;
    const renamed = await police(
      `mutation($b: ID!, $g: ID!) { trafficPolice { saveGroup(branchId: $b, input: { id: $g, name: "三中队（机动）党小组", leader: "吴敏", memberCount: 6 }) { id name memberCount } } }`,
      { b: branch.id, g: groupId },
    );
    expect(renamed.data.trafficPolice.saveGroup).toEqual({ id: groupId, name: '三中队（机动）党小组', memberCount: 6 });

    const foreign = await enforcementEditor.request(
      `mutation($id: ID!) { trafficPolice { updateBranch(id: $id, input: { secretary: "越权" }) { id } } }`,
      {
        id: branch.id,
      },
    );
    expect(foreign.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const read = await anonymous.request(
      `query($id: ID!) { trafficPolice { partner(id: $id) { branches { id name secretary memberCount groups { name memberCount } } } } }`,
      {
        id: demo.partners.trafficPolice,
      },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.trafficPolice.partner.branches.find((b: any) => b.id === branch.id)).toEqual({
      id: branch.id,
      name: '宁海高速交警大队第二党支部',
      secretary: '吴敏',
      memberCount: 9,
      groups: [{ name: '三中队（机动）党小组', memberCount: 6 }],
    });
  });
});

describe('members’ personal data', () => {
  const branchesQuery = `query($id: ID!) { trafficPolice { partner(id: $id) { branches { name ... on TrafficPoliceBranch { members { name post phone joinedOn } } } } } }`;

  it('goes to editors of the owning partner', async () => {
    const response = await policeEditor.request(branchesQuery, { id: demo.partners.trafficPolice });
    expect(response.errors).toBeUndefined();
    const members = response.data.trafficPolice.partner.branches.find((b: any) => b.name === '宁海高速交警大队党支部').members;
    expect(members).toEqual(
      expect.arrayContaining([{ name: '林海', post: '一中队中队长', phone: '138-0000-1102', joinedOn: '2010-06-20' }]),
    );
  });

  it('goes to no one else: not the same subgraph’s other partner, other editors, the coordinator, viewers or anonymous callers', async () => {
    for (const other of [enforcementEditor, wideningEditor, coordinator, viewer, anonymous]) {
      const response = await other.request(branchesQuery, { id: demo.partners.trafficPolice });
      const branches = response.data.trafficPolice.partner.branches;
      expect(
        branches.map((b: any) => b.name),
        other.label,
      ).toContain('宁海高速交警大队党支部');
      expect(
        branches.every((b: any) => b.members === null),
        other.label,
      ).toBe(true);
      expect(response.errors?.length, other.label).toBe(branches.length);
      expect(new Set(response.errors?.map((e) => e.extensions?.code)), other.label).toEqual(new Set(['FORBIDDEN']));
      const text = JSON.stringify(response);
      for (const secret of personalData) {
        expect(text, other.label).not.toContain(secret);
      }
    }
  });

  it('does not leak through the joint list, the alliance’s member list or activity hosts', async () => {
    const query = `query($id: ID!) { alliance(id: $id) {
      coBuildingList(first: 100) { edges { node { id partnerId branch { name ... on TrafficPoliceBranch { members { name phone } } } } } }
      members { partner { ... on TrafficPolicePartner { branches { ... on TrafficPoliceBranch { members { name phone } } } } } }
      activities { host { ... on TrafficPolicePartner { branches { ... on TrafficPoliceBranch { members { phone } } } } } }
    } }`;
    for (const other of [coordinator, viewer, anonymous, enforcementEditor]) {
      const text = JSON.stringify(await other.request(query, { id: demo.alliances.highway }));
      for (const secret of personalData) {
        expect(text, other.label).not.toContain(secret);
      }
    }
    // The police editor sees their own members there, and still not the law-enforcement brigade's.
    const own = await policeEditor.request(query, { id: demo.alliances.highway });
    const edges = own.data.alliance.coBuildingList.edges.map((e: any) => e.node).filter((n: any) => n?.branch?.members !== undefined);
    const mine = edges.filter((n: any) => n.partnerId === demo.partners.trafficPolice);
    const theirs = edges.filter((n: any) => n.partnerId === demo.partners.lawEnforcement);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((n: any) => n.branch.members.some((m: any) => m.phone === '138-0000-1102'))).toBe(true);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((n: any) => n.branch.members === null)).toBe(true);
    expect(JSON.stringify(theirs)).not.toContain('138-0000-1201');
  });
});

describe('the coordinator', () => {
  it('alone founds alliances, admits partners, records agreements and convenes joint meetings', async () => {
    const alliance = await foundAlliance(coordinator, '牵头单位权限联盟', ['widening']);
    const attempts = (caller: Caller) => ({
      createAlliance: () => caller.request(createAlliance, { name: `越权创建的联盟（${caller.label}）` }),
      admitPartner: () =>
        caller.request(
          `mutation($a: ID!, $p: ID!) { admitPartner(allianceId: $a, input: { partnerId: $p, kind: TRAFFIC_POLICE, name: "交警" }) { partnerId } }`,
          { a: alliance, p: demo.partners.trafficPolice },
        ),
      recordAgreement: () =>
        caller.request(
          `mutation($a: ID!) { recordAgreement(allianceId: $a, input: { title: "越权协议", signedOn: "2026-11-01", signatories: [{ organization: "某单位", signer: "某人" }], terms: ["越权"] }) { id } }`,
          { a: alliance },
        ),
      conveneJointMeeting: () =>
        caller.request(
          `mutation($a: ID!) { conveneJointMeeting(allianceId: $a, input: { title: "越权会议", heldAt: "2026-11-20T06:00:00Z", agenda: [] }) { id } }`,
          {
            a: alliance,
          },
        ),
    });
    for (const [caller, code] of [
      [policeEditor, 'FORBIDDEN'],
      [viewer, 'FORBIDDEN'],
      [anonymous, 'UNAUTHENTICATED'],
    ] as const) {
      for (const [name, attempt] of Object.entries(attempts(caller))) {
        const response = await attempt();
        expect(
          response.errors?.map((e) => e.extensions?.code),
          `${caller.label}: ${name}`,
        ).toEqual([code]);
      }
    }
    const read = await anonymous.request(
      `query($id: ID!) { alliance(id: $id) { members { partnerId } agreement { id } jointMeetings { id } } }`,
      {
        id: alliance,
      },
    );
    expect(read.data.alliance).toEqual({ members: [{ partnerId: demo.partners.widening }], agreement: null, jointMeetings: [] });
    const [row] = await sql<{ n: string }>(
      hub.databaseUrls.alliance,
      `select count(*) as n from alliance where name like '越权创建的联盟%'`,
    );
    expect(Number(row?.n)).toBe(0);

    for (const [name, attempt] of Object.entries(attempts(coordinator))) {
      expect((await attempt()).errors, `coordinator: ${name}`).toBeUndefined();
    }
  });

  it('does not write partners’ data: creating or editing a commitment is FORBIDDEN', async () => {
    const desk = new CommitmentDesk(coordinator, 'TRAFFIC_POLICE');
    expect((await desk.create(demo.alliances.highway, { title: '牵头单位代写', category: 'WORK_LINKAGE' })).codes).toEqual(['FORBIDDEN']);
    expect((await desk.update(publishedPoliceItem, 1, { title: '牵头单位代改' })).codes).toEqual(['FORBIDDEN']);
    expect(ok(await new CommitmentDesk(anonymous, 'TRAFFIC_POLICE').read(publishedPoliceItem)).title).toBe('改扩建交通保通方案联合审批');
  });
});
