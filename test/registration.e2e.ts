import { identityHeader, signInternalIdentity } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, eventually, type GraphQLResponse, gql, startTestHub } from './support/hub.ts';
import { gatewayIdentity, signerOf } from './support/identity.ts';

/**
 * Organizations register through the product: the coordinator registers an organization of
 * any kind the API lists (`<namespace> { registerPartner }`), admits it to an alliance, issues its
 * editor account (`issueEditorAccount`); its editor signs in with that account through the
 * development sign-in and publishes to the joint list with the kind's own fields. Whoever else
 * tries, and whatever malformed, unknown or taken value is given, is refused with a stable code
 * and nothing is written.
 */

interface KindInfo {
  kind: string;
  subgraph: string;
  namespace: string;
  typePrefix: string;
  label: { zh: string };
  fields: { name: string; type: 'TEXT' | 'COUNT' | 'TEXTS' | 'CHOICES'; required: boolean; choices: { value: string }[] }[];
}

interface DemoUser {
  id: string;
  name: string;
  role: string;
  partnerId?: string;
  kind?: string;
}

let hub: RunningStack;
let url: string;
let kinds: KindInfo[];
let coordinator: string;
let viewer: string;
let seededEditor: string;
let allianceId: string;

/** The logins the hub offered before these tests: they keep working. */
const seededLogins = [
  'enterprise-editor',
  'traffic-police-editor',
  'tangyuan-project-editor',
  'town-village-editor',
  'tangyuan-village-editor',
  'university-editor',
];

async function demoUsers(): Promise<DemoUser[]> {
  const response = await fetch(url.replace(/\/graphql$/, '/auth/demo-users'));
  expect(response.status).toBe(200);
  return (await response.json()) as DemoUser[];
}

/** Signs in through the development sign-in, as the web app does; the answer's status and body. */
async function demoLogin(user: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url.replace(/\/graphql$/, '/auth/demo-login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  return { status: response.status, body: await response.json() };
}

async function tokenOf(user: string): Promise<string> {
  const { status, body } = await demoLogin(user);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.token as string;
}

/** Fails with the errors unless the response has data and no errors; returns the data. */
function data<T = any>(response: GraphQLResponse<T>, what: string): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.errors ?? response.data)}`);
  }
  return response.data;
}

async function sql<T = any>(service: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: hub.databaseUrls[service as keyof typeof hub.databaseUrls] });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Rows of each table that registration and accounts write: partners per kind, accounts, memberships. */
async function writtenRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const kind of kinds) {
    counts[kind.subgraph] = Number((await sql(kind.subgraph, 'select count(*) as n from partner'))[0].n);
  }
  counts.accounts = Number((await sql('alliance', 'select count(*) as n from partner_account'))[0].n);
  counts.memberships = Number((await sql('alliance', 'select count(*) as n from membership'))[0].n);
  return counts;
}

const registerMutation = (kind: KindInfo) =>
  `mutation($input: PartnerRegistrationInput!) { ${kind.namespace} { registerPartner(input: $input) { id name shortName kind } } }`;

function register(kind: KindInfo, input: Record<string, unknown>, token?: string) {
  return gql(url, registerMutation(kind), { input }, token);
}

function admit(partner: { id: string; kind: string; name: string }, liaison: { name: string; title: string }) {
  return gql(
    url,
    `mutation($a: ID!, $input: AdmitPartnerInput!) { admitPartner(allianceId: $a, input: $input) { partnerId kind name liaison { name title } partner { id name } } }`,
    {
      a: allianceId,
      input: { partnerId: partner.id, kind: partner.kind, name: partner.name, liaisonName: liaison.name, liaisonTitle: liaison.title },
    },
    coordinator,
  );
}

/** Issues an account; as the coordinator unless `token` says otherwise (null: anonymous). */
function issue(input: Record<string, unknown>, token: string | null = coordinator) {
  return gql(
    url,
    `mutation($input: EditorAccountInput!) { issueEditorAccount(input: $input) { login name partnerId kind } }`,
    { input },
    token ?? undefined,
  );
}

/** Values of a kind's own required fields, built from the API's definition of them. */
function ownValues(kind: KindInfo): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of kind.fields.filter((f) => f.required)) {
    switch (field.type) {
      case 'TEXT':
        values[field.name] = `登记测试 · ${field.name}`;
        break;
      case 'COUNT':
        values[field.name] = 1;
        break;
      case 'CHOICES':
        values[field.name] = [field.choices[0]?.value];
        break;
      case 'TEXTS':
        values[field.name] = [`登记测试 · ${field.name}`];
        break;
    }
  }
  return values;
}

beforeAll(async () => {
  hub = await startTestHub(4270);
  url = hub.gatewayUrl;
  kinds = data(
    await gql(url, '{ partnerKinds { kind subgraph namespace typePrefix label { zh } fields { name type required choices { value } } } }'),
    'partnerKinds',
  ).partnerKinds;
  coordinator = await tokenOf('coordinator');
  viewer = await tokenOf('viewer');
  seededEditor = await tokenOf('enterprise-editor');
  allianceId = data(
    await gql(
      url,
      'mutation($input: AllianceInput!) { createAlliance(input: $input) { id } }',
      { input: { name: '登记测试联盟', coordinatorName: '登记测试牵头单位', foundedOn: '2026-06-01' } },
      coordinator,
    ),
    'createAlliance',
  ).createAlliance.id;
});

afterAll(async () => {
  await hub?.stop();
});

describe('the development sign-in', () => {
  it('offers the built-in coordinator and viewer and every seeded editor account, with its partner and kind', async () => {
    const users = await demoUsers();
    expect(users.slice(0, 2).map((user) => [user.id, user.role])).toEqual([
      ['coordinator', 'coordinator'],
      ['viewer', 'viewer'],
    ]);
    const editors = users.filter((user) => user.role === 'partner_editor');
    expect(editors.map((user) => user.id)).toEqual(expect.arrayContaining(seededLogins));
    for (const editor of editors) {
      expect(editor.partnerId).toMatch(/^[0-9a-f-]{36}$/);
      expect(kinds.map((kind) => kind.kind)).toContain(editor.kind);
    }
  });

  it('signs the seeded editors in as partner editors of their partner', async () => {
    const users = await demoUsers();
    for (const login of seededLogins) {
      const token = await tokenOf(login);
      const [, payload] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
      const listed = users.find((user) => user.id === login);
      expect(claims).toMatchObject({ sub: login, role: 'partner_editor', partnerId: listed?.partnerId, name: listed?.name });
    }
  });

  it('refuses a user nobody issued with 400 BAD_USER_INPUT and no token', async () => {
    for (const user of ['nobody-here', 'Enterprise-Editor', '__proto__', '', 'x'.repeat(200)]) {
      const { status, body } = await demoLogin(user);
      expect(status).toBe(400);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(body.token).toBeUndefined();
    }
  });
});

describe('an organization of every kind registers, is admitted, gets its editor, who publishes', () => {
  it('works for every kind the API lists', async () => {
    expect(kinds.length).toBeGreaterThan(0);
    for (const kind of kinds) {
      const label = `${kind.kind}:`;
      const name = `登记测试${kind.label.zh}单位`;
      // 1. The coordinator registers the organization in its kind's subgraph: a new id.
      const partner = data(
        await register(kind, { name: `  ${name}  `, shortName: `${kind.label.zh}测试`, description: '经登记加入' }, coordinator),
        `${label} registerPartner`,
      )[kind.namespace].registerPartner;
      expect(partner, label).toMatchObject({ name, shortName: `${kind.label.zh}测试`, kind: kind.kind });
      expect(partner.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const listed = data(await gql(url, `{ ${kind.namespace} { partners { id name } } }`), `${label} partners`)[kind.namespace].partners;
      expect(listed, label).toContainEqual({ id: partner.id, name });

      // 2. The coordinator admits it, naming its liaison.
      const member = data(await admit(partner, { name: '登记联络员', title: '联络员' }), `${label} admitPartner`).admitPartner;
      expect(member).toMatchObject({
        partnerId: partner.id,
        kind: kind.kind,
        name,
        liaison: { name: '登记联络员', title: '联络员' },
        partner: { id: partner.id, name },
      });

      // 3. Its first editor account is issued; the coordinator lists it.
      const login = `${kind.subgraph}-registered-editor`;
      const account = data(
        await issue({ partnerId: partner.id, kind: kind.kind, login, name: `${kind.label.zh}党务 · 登记测试` }),
        `${label} issueEditorAccount`,
      ).issueEditorAccount;
      expect(account).toEqual({ login, name: `${kind.label.zh}党务 · 登记测试`, partnerId: partner.id, kind: kind.kind });
      const accounts = data(
        await gql(
          url,
          'query($p: ID) { editorAccounts(partnerId: $p) { login partnerId kind issuedBy partner { id } } }',
          { p: partner.id },
          coordinator,
        ),
        `${label} editorAccounts`,
      ).editorAccounts;
      expect(accounts).toEqual([
        { login, partnerId: partner.id, kind: kind.kind, issuedBy: expect.any(String), partner: { id: partner.id } },
      ]);

      // 4. The editor signs in with it through the development sign-in.
      expect((await demoUsers()).find((user) => user.id === login)).toMatchObject({
        role: 'partner_editor',
        partnerId: partner.id,
        kind: kind.kind,
      });
      const editor = await tokenOf(login);

      // 5. … creates a commitment with the kind's own required fields and publishes it.
      const title = `${kind.label.zh}登记后第一项承诺`;
      const created = data(
        await gql(
          url,
          `mutation($a: ID!, $input: ${kind.typePrefix}CommitmentInput!) { ${kind.namespace} { createCommitment(allianceId: $a, input: $input) { id version status } } }`,
          { a: allianceId, input: { title, category: 'WORK_LINKAGE', dueDate: '2026-12-31', ...ownValues(kind) } },
          editor,
        ),
        `${label} createCommitment`,
      )[kind.namespace].createCommitment;
      expect(created.status).toBe('DRAFT');
      const published = data(
        await gql(
          url,
          `mutation($id: ID!, $v: Int!) { ${kind.namespace} { publishCommitment(id: $id, version: $v) { id status } } }`,
          { id: created.id, v: created.version },
          editor,
        ),
        `${label} publishCommitment`,
      )[kind.namespace].publishCommitment;
      expect(published.status).toBe('PUBLISHED');

      // 6. … and anyone sees it on the alliance's joint list.
      const item = await eventually(async () => {
        const list = data(
          await gql(
            url,
            `query($a: ID!) { alliance(id: $a) { coBuildingList(first: 100) { edges { node { id __typename ... on Commitment { title status partnerId } } } } } }`,
            { a: allianceId },
          ),
          `${label} joint list`,
        );
        return list.alliance.coBuildingList.edges.map((edge: any) => edge.node).find((node: any) => node.id === created.id);
      }, 15_000);
      expect(item).toMatchObject({
        __typename: `${kind.typePrefix}Commitment`,
        title,
        status: 'PUBLISHED',
        partnerId: partner.id,
      });
    }
  });
});

describe('refusals: stable codes, nothing written', () => {
  let kind: KindInfo;
  let admitted: { id: string; kind: string; name: string };
  let notAdmitted: { id: string; kind: string; name: string };
  let before: Record<string, number>;

  beforeAll(async () => {
    kind = kinds[0] as KindInfo;
    admitted = data(await register(kind, { name: '拒绝测试已准入单位' }, coordinator), 'register')[kind.namespace].registerPartner;
    data(await admit(admitted, { name: '联络员甲', title: '联络员' }), 'admit');
    notAdmitted = data(await register(kind, { name: '拒绝测试未准入单位' }, coordinator), 'register')[kind.namespace].registerPartner;
    data(await issue({ partnerId: admitted.id, kind: admitted.kind, login: 'refusal-editor', name: '拒绝测试党务' }), 'issue');
    before = await writtenRows();
  });

  it('registers organizations for the coordinator only: UNAUTHENTICATED anonymous, FORBIDDEN otherwise', async () => {
    for (const each of kinds) {
      expect(codes(await register(each, { name: '越权登记单位' })), each.kind).toEqual(['UNAUTHENTICATED']);
      expect(codes(await register(each, { name: '越权登记单位' }, viewer)), each.kind).toEqual(['FORBIDDEN']);
      expect(codes(await register(each, { name: '越权登记单位' }, seededEditor)), each.kind).toEqual(['FORBIDDEN']);
    }
    expect(await writtenRows()).toEqual(before);
  });

  it('issues and lists accounts for the coordinator only', async () => {
    const input = { partnerId: admitted.id, kind: admitted.kind, login: 'sneaky-editor', name: '越权' };
    expect(codes(await issue(input, null))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await issue(input, viewer))).toEqual(['FORBIDDEN']);
    expect(codes(await issue(input, seededEditor))).toEqual(['FORBIDDEN']);
    expect(codes(await issue(input, await tokenOf('refusal-editor')))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(url, '{ editorAccounts { login } }'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(url, '{ editorAccounts { login } }', {}, viewer))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(url, '{ editorAccounts { login } }', {}, seededEditor))).toEqual(['FORBIDDEN']);
    expect(await writtenRows()).toEqual(before);
  });

  it('refuses a malformed, reserved or overlong login with BAD_USER_INPUT naming the field', async () => {
    for (const login of [
      'Bad-Login',
      'ab',
      'x--y',
      '-abc',
      'abc-',
      'with space',
      '编辑',
      'a'.repeat(41),
      '',
      '   ',
      'coordinator',
      'viewer',
      'a_b',
    ]) {
      const answer = await issue({ partnerId: admitted.id, kind: admitted.kind, login, name: '格式测试' });
      expect(codes(answer), login).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors?.[0]?.extensions?.field, login).toBe('login');
    }
    const unnamed = await issue({ partnerId: admitted.id, kind: admitted.kind, login: 'unnamed-editor', name: ' ' });
    expect(codes(unnamed)).toEqual(['BAD_USER_INPUT']);
    expect(unnamed.errors?.[0]?.extensions?.field).toBe('name');
    expect(await writtenRows()).toEqual(before);
  });

  it('refuses an unknown kind, a kind the partner is not, and a partner no alliance has admitted', async () => {
    const unknownKind = await issue({ partnerId: admitted.id, kind: 'NO_SUCH_KIND', login: 'unknown-kind-editor', name: '类型测试' });
    expect(codes(unknownKind)).toEqual(['BAD_USER_INPUT']);
    expect(unknownKind.errors?.[0]?.extensions?.field).toBe('kind');
    const other = kinds.find((each) => each.kind !== admitted.kind);
    if (other) {
      const wrongKind = await issue({ partnerId: admitted.id, kind: other.kind, login: 'wrong-kind-editor', name: '类型测试' });
      expect(codes(wrongKind)).toEqual(['BAD_USER_INPUT']);
      expect(wrongKind.errors?.[0]?.extensions?.field).toBe('kind');
    }
    const outsider = await issue({ partnerId: notAdmitted.id, kind: notAdmitted.kind, login: 'outsider-editor', name: '未准入' });
    expect(codes(outsider)).toEqual(['BAD_USER_INPUT']);
    expect(outsider.errors?.[0]?.extensions?.field).toBe('partnerId');
    const unknownPartner = await issue({
      partnerId: '00000000-0000-4000-8000-000000000000',
      kind: admitted.kind,
      login: 'ghost-editor',
      name: '无此单位',
    });
    expect(codes(unknownPartner)).toEqual(['BAD_USER_INPUT']);
    const malformedPartner = await issue({ partnerId: 'not-a-uuid', kind: admitted.kind, login: 'ghost-editor', name: '无此单位' });
    expect(codes(malformedPartner)).toEqual(['BAD_USER_INPUT']);
    const unknownAdmission = await admit(
      { id: notAdmitted.id, kind: 'NO_SUCH_KIND', name: notAdmitted.name },
      { name: '联络员', title: '联络员' },
    );
    expect(codes(unknownAdmission)).toEqual(['BAD_USER_INPUT']);
    expect(await writtenRows()).toEqual(before);
  });

  it('refuses a login already issued, seeded or not, with CONFLICT and keeps the first holder', async () => {
    for (const login of ['refusal-editor', 'enterprise-editor']) {
      const answer = await issue({ partnerId: admitted.id, kind: admitted.kind, login, name: '重名测试' });
      expect(codes(answer), login).toEqual(['CONFLICT']);
    }
    const [holder] = await sql('alliance', 'select name, partner_id from partner_account where login = $1', ['refusal-editor']);
    expect(holder).toEqual({ name: '拒绝测试党务', partner_id: admitted.id });
    expect(await writtenRows()).toEqual(before);
  });

  it('refuses registering a name its kind has already (CONFLICT) and an empty or overlong one (BAD_USER_INPUT)', async () => {
    expect(codes(await register(kind, { name: '拒绝测试已准入单位' }, coordinator))).toEqual(['CONFLICT']);
    for (const input of [{ name: '' }, { name: '   ' }, { name: '名'.repeat(201) }, { name: '简称过长', shortName: '简'.repeat(61) }]) {
      const answer = await register(kind, input, coordinator);
      expect(codes(answer), JSON.stringify(input).slice(0, 40)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await writtenRows()).toEqual(before);
  });

  it('answers the alliance’s /accounts route to the gateway only', async () => {
    const accountsUrl = hub.subgraphUrls.alliance?.replace(/\/graphql$/, '/accounts') ?? '';
    const post = async (identity?: string) =>
      fetch(accountsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(identity ? { [identityHeader]: identity } : {}) },
        body: '{}',
      });
    expect((await post()).status).toBe(401);
    const relay = await signInternalIdentity({ subject: 'relay', role: 'viewer' }, await signerOf(hub, kind.subgraph), 'alliance');
    expect((await post(relay)).status).toBe(403);
    expect((await post(coordinator)).status).toBe(401);
    const gateway = await gatewayIdentity(hub, { subject: 'gateway', role: 'viewer' }, 'alliance');
    const answer = await post(gateway);
    expect(answer.status).toBe(200);
    const { accounts } = (await answer.json()) as { accounts: { login: string }[] };
    expect(accounts.map((account) => account.login)).toEqual(expect.arrayContaining([...seededLogins, 'refusal-editor']));
  });
});
