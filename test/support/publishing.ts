import type { RunningStack } from '@hub/testkit';
import { SignJWT } from 'jose';
import pg from 'pg';
import { codes, demo, eventually, type GraphQLResponse, gql, type TestUser, tokenFor } from './hub.ts';

/**
 * Helpers for the publishing tests: who signs in, what a partner editor can do with a
 * commitment through the gateway, how the coordinator founds an alliance, and how the joint
 * list and its statistics read. Every call goes through the gateway as a user's would.
 */

/** The people of the highway-widening alliance (docs/domain.md), one of each role. */
export const people = {
  coordinator: { role: 'coordinator', name: '改扩建工程指挥部党委 · 周主任' },
  viewer: { role: 'viewer', name: '数据大屏' },
  policeEditor: { role: 'partner_editor', partnerId: demo.partners.trafficPolice, name: '高速交警大队党务 · 林海' },
  enforcementEditor: { role: 'partner_editor', partnerId: demo.partners.lawEnforcement, name: '路政执法大队党务 · 郑涛' },
  wideningEditor: { role: 'partner_editor', partnerId: demo.partners.widening, name: '改扩建项目部党务 · 张伟' },
  ninghaiEditor: { role: 'partner_editor', partnerId: demo.partners.ninghai, name: '宁海征迁指挥部党务 · 王磊' },
  instituteEditor: { role: 'partner_editor', partnerId: demo.partners.institute, name: '交通工程研究所党务 · 李静' },
} satisfies Record<string, TestUser>;

/** What a call came back with: the HTTP status, the error codes, and the payload of the one field asked for. */
export interface Outcome<T = any> {
  status: number;
  codes: string[];
  messages: string[];
  /** The payload of the operation's one (possibly namespaced) field, null when it failed. */
  item: T | null;
  response: GraphQLResponse;
}

/** One signed-in (or anonymous) user talking to the gateway. */
export interface Caller {
  readonly label: string;
  readonly token: string | undefined;
  /** Runs an operation and returns the raw response. */
  request<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/** Signs `user` in (a fresh token) or, with `null`, stays anonymous. `subject` keeps rate-limit buckets apart. */
export async function signIn(url: string, user: TestUser | null, subject?: string): Promise<Caller> {
  const token = user ? await tokenFor(user, subject) : undefined;
  return {
    label: user ? `${user.role}${user.partnerId ? ` of ${user.partnerId}` : ''}` : 'anonymous',
    token,
    request: (query, variables = {}) => gql(url, query, variables, token),
  };
}

function payloadOf(data: unknown, path: string[]): any {
  let value: any = data;
  for (const key of path) {
    value = value?.[key];
  }
  return value ?? null;
}

export async function outcome(caller: Caller, path: string[], query: string, variables: Record<string, unknown>): Promise<Outcome> {
  const response = await caller.request(query, variables);
  return {
    status: response.status,
    codes: codes(response),
    messages: (response.errors ?? []).map((error) => error.message),
    item: payloadOf(response.data, path),
    response,
  };
}

/** The payload of a call that must have succeeded; otherwise fails naming the errors. */
export function ok<T = any>(result: Outcome<T>): T {
  if (result.codes.length > 0 || result.item === null) {
    throw new Error(`expected success, got HTTP ${result.status}: ${JSON.stringify(result.response.errors ?? result.response.data)}`);
  }
  return result.item;
}

/** The four partner kinds: their query/mutation namespace, GraphQL type prefix and the fields a new item of theirs needs. */
export const partnerKinds = {
  ENTERPRISE: {
    namespace: 'enterprise',
    prefix: 'Enterprise',
    own: { project: '沈海高速宁海段改扩建工程', site: 'K1510 高边坡工段', pioneerPosts: 3 },
  },
  TOWN_VILLAGE: {
    namespace: 'townVillage',
    prefix: 'TownVillage',
    own: { village: '宁海县梅林街道', landAcquisitionTasks: ['坟墓迁移', '管线迁改'] },
  },
  UNIVERSITY: {
    namespace: 'university',
    prefix: 'University',
    own: { institute: '建筑工程学院交通工程研究所', researchTopic: '高边坡施工监测' },
  },
  TRAFFIC_POLICE: {
    namespace: 'trafficPolice',
    prefix: 'TrafficPolice',
    own: { roadSection: 'G15沈海高速宁海段 K1510—K1516', guarantees: ['SAFETY', 'TRAFFIC_FLOW'] },
  },
} as const;
export type PartnerKindName = keyof typeof partnerKinds;

/** The demo partners with their kind and the name they are admitted under. */
export const partnersOf = {
  widening: { partnerId: demo.partners.widening, kind: 'ENTERPRISE', name: '沈海高速宁海段改扩建工程项目部' },
  ninghai: { partnerId: demo.partners.ninghai, kind: 'TOWN_VILLAGE', name: '宁海征迁指挥部' },
  institute: { partnerId: demo.partners.institute, kind: 'UNIVERSITY', name: '省属大学建筑工程学院交通工程研究所' },
  trafficPolice: { partnerId: demo.partners.trafficPolice, kind: 'TRAFFIC_POLICE', name: '省高速交警支队宁海大队' },
  lawEnforcement: { partnerId: demo.partners.lawEnforcement, kind: 'TRAFFIC_POLICE', name: '宁海高速公路路政执法大队' },
} as const satisfies Record<string, { partnerId: string; kind: PartnerKindName; name: string }>;

/** Fields read back after every commitment operation. */
export const commitmentFields = /* GraphQL */ `
  __typename id allianceId partnerId title description category status progress startDate dueDate
  publishedAt completedAt withdrawReason updatedAt version
  branch { id name }
  history { actor at field oldValue newValue }
  progressReports { percent text evidence { label url } figures { label value unit } reportedAt reportedBy }
`;

/**
 * A partner editor's desk for commitments of one kind: every operation of the `<kind>` mutation
 * namespace, returning the outcome rather than throwing, so refusals can be asserted.
 */
export class CommitmentDesk {
  private readonly ns: string;
  private readonly inputType: string;

  constructor(
    readonly caller: Caller,
    readonly kind: PartnerKindName,
  ) {
    this.ns = partnerKinds[kind].namespace;
    this.inputType = `${partnerKinds[kind].prefix}CommitmentInput`;
  }

  /** A draft with the kind's own required fields filled in; `input` overrides. */
  create(allianceId: string, input: Record<string, unknown>): Promise<Outcome> {
    return this.mutate(
      'createCommitment',
      `($allianceId: ID!, $input: ${this.inputType}!) { ${this.ns} { createCommitment(allianceId: $allianceId, input: $input) { ${commitmentFields} } } }`,
      { allianceId, input: { ...partnerKinds[this.kind].own, ...input } },
    );
  }

  update(id: string, version: number, input: Record<string, unknown>): Promise<Outcome> {
    return this.mutate(
      'updateCommitment',
      `($id: ID!, $version: Int!, $input: ${this.inputType}!) { ${this.ns} { updateCommitment(id: $id, version: $version, input: $input) { ${commitmentFields} } } }`,
      { id, version, input },
    );
  }

  publish(id: string, version: number): Promise<Outcome> {
    return this.mutate(
      'publishCommitment',
      `($id: ID!, $version: Int!) { ${this.ns} { publishCommitment(id: $id, version: $version) { ${commitmentFields} } } }`,
      { id, version },
    );
  }

  report(id: string, version: number, input: Record<string, unknown>): Promise<Outcome> {
    return this.mutate(
      'reportProgress',
      `($id: ID!, $version: Int!, $input: ProgressInput!) { ${this.ns} { reportProgress(id: $id, version: $version, input: $input) { ${commitmentFields} } } }`,
      { id, version, input },
    );
  }

  complete(id: string, version: number): Promise<Outcome> {
    return this.mutate(
      'completeCommitment',
      `($id: ID!, $version: Int!) { ${this.ns} { completeCommitment(id: $id, version: $version) { ${commitmentFields} } } }`,
      { id, version },
    );
  }

  withdraw(id: string, version: number, reason: string): Promise<Outcome> {
    return this.mutate(
      'withdrawCommitment',
      `($id: ID!, $version: Int!, $reason: String!) { ${this.ns} { withdrawCommitment(id: $id, version: $version, reason: $reason) { ${commitmentFields} } } }`,
      { id, version, reason },
    );
  }

  /** The commitment as this caller may see it in the partner's own subgraph (drafts only for its editors). */
  read(id: string): Promise<Outcome> {
    return outcome(this.caller, [this.ns, 'commitment'], `query($id: ID!) { ${this.ns} { commitment(id: $id) { ${commitmentFields} } } }`, {
      id,
    });
  }

  /** The signed-in editor's own commitments, drafts included. */
  mine(): Promise<Outcome<any[]>> {
    return outcome(this.caller, [this.ns, 'myCommitments'], `{ ${this.ns} { myCommitments { id title status version } } }`, {});
  }

  /** Creates a draft and publishes it; returns the published commitment. */
  async publishNew(allianceId: string, input: Record<string, unknown>): Promise<any> {
    const draft = ok(await this.create(allianceId, input));
    return ok(await this.publish(draft.id, draft.version));
  }

  private mutate(field: string, signature: string, variables: Record<string, unknown>): Promise<Outcome> {
    return outcome(this.caller, [this.ns, field], `mutation${signature}`, variables);
  }
}

/**
 * Founds an alliance as the coordinator and admits the given demo partners; returns its id.
 * Fails the test if any step is refused.
 */
export async function foundAlliance(coordinator: Caller, name: string, members: readonly (keyof typeof partnersOf)[]): Promise<string> {
  const created = await coordinator.request(`mutation($input: AllianceInput!) { createAlliance(input: $input) { id } }`, {
    input: { name, coordinatorName: '省交通集团改扩建工程指挥部党委', foundedOn: '2026-03-01' },
  });
  const allianceId: string | undefined = created.data?.createAlliance?.id;
  if (!allianceId) {
    throw new Error(`createAlliance failed: ${JSON.stringify(created.errors)}`);
  }
  for (const member of members) {
    const admitted = await admitPartner(coordinator, allianceId, member);
    if (admitted.codes.length > 0) {
      throw new Error(`admitPartner ${member} failed: ${admitted.messages.join('; ')}`);
    }
  }
  return allianceId;
}

/** Admits one demo partner to an alliance (coordinator only). */
export function admitPartner(caller: Caller, allianceId: string, member: keyof typeof partnersOf): Promise<Outcome> {
  const { partnerId, kind, name } = partnersOf[member];
  return outcome(
    caller,
    ['admitPartner'],
    `mutation($allianceId: ID!, $input: AdmitPartnerInput!) { admitPartner(allianceId: $allianceId, input: $input) { partnerId kind name liaison { name title } } }`,
    { allianceId, input: { partnerId, kind, name, liaisonName: '联络员', liaisonTitle: '联络员' } },
  );
}

const listQuery = /* GraphQL */ `
  query JointList($id: ID!, $filter: CoBuildingListFilter, $first: Int!, $after: String, $orderBy: CommitmentOrder!) {
    alliance(id: $id) {
      coBuildingList(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { __typename id partnerId title category status progress startDate dueDate withdrawReason version } }
      }
    }
  }
`;

export interface ListArgs {
  filter?: Record<string, unknown>;
  first?: number;
  after?: string | null;
  orderBy?: 'DUE_DATE_ASC' | 'DUE_DATE_DESC';
}

/** One page of an alliance's joint list as `caller` sees it. */
export function jointList(caller: Caller, allianceId: string, args: ListArgs = {}): Promise<Outcome> {
  return outcome(caller, ['alliance', 'coBuildingList'], listQuery, {
    id: allianceId,
    first: args.first ?? 1000,
    after: args.after ?? null,
    filter: args.filter ?? null,
    orderBy: args.orderBy ?? 'DUE_DATE_ASC',
  });
}

/** The joint list's items (first 1000), failing the test on any error. */
export async function listedItems(caller: Caller, allianceId: string, filter?: Record<string, unknown>): Promise<any[]> {
  const page = ok(await jointList(caller, allianceId, { filter }));
  return page.edges.map((edge: any) => edge.node);
}

/** Waits until the item is on the joint list and `until` holds for it; returns the list's node. */
export function untilListed(
  caller: Caller,
  allianceId: string,
  id: string,
  until: (node: any) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<any> {
  return eventually(
    async () => {
      const node = (await listedItems(caller, allianceId)).find((item) => item.id === id);
      return node && until(node) ? node : null;
    },
    timeoutMs,
    25,
  );
}

const statsFields = 'total completed overdue completionRate averageProgress';

/** The alliance's tracking figures (`alliance.stats`). */
export function allianceStats(caller: Caller, allianceId: string, staleDays?: number): Promise<Outcome> {
  return outcome(
    caller,
    ['alliance', 'stats'],
    `query($id: ID!, $staleDays: Int! = 30) { alliance(id: $id) { stats(staleDays: $staleDays) {
      overall { ${statsFields} } byPartner { partnerId partnerName kind ${statsFields} } byCategory { category ${statsFields} }
      stale staleDays } } }`,
    { id: allianceId, ...(staleDays === undefined ? {} : { staleDays }) },
  );
}

/** Runs SQL against one service's database (to check what was, or was not, written). */
export async function sql<T = any>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** What a partner database holds of one commitment: its row's version, its history rows and its outbox rows. */
export async function storedTrail(databaseUrl: string, commitmentId: string) {
  const [row] = await sql(databaseUrl, 'select title, status, progress, version, due_date, start_date from commitment where id = $1', [
    commitmentId,
  ]);
  const [history] = await sql<{ n: string }>(databaseUrl, 'select count(*) as n from commitment_change where commitment_id = $1', [
    commitmentId,
  ]);
  const [outbox] = await sql<{ n: string }>(databaseUrl, 'select count(*) as n from outbox where entity_id = $1', [commitmentId]);
  const [reports] = await sql<{ n: string }>(databaseUrl, 'select count(*) as n from progress_report where commitment_id = $1', [
    commitmentId,
  ]);
  return { row, history: Number(history?.n), outbox: Number(outbox?.n), reports: Number(reports?.n) };
}

/** Undelivered outbox rows of a partner database. */
export async function undelivered(databaseUrl: string): Promise<number> {
  const [row] = await sql<{ n: string }>(databaseUrl, 'select count(*) as n from outbox where delivered_at is null');
  return Number(row?.n);
}

/** The four partner subgraphs, each with an outbox relaying to the alliance. */
export const partnerSubgraphs = ['enterprise', 'town-village', 'university', 'traffic-police'] as const;

/** Waits until every partner's outbox has been delivered to the alliance (the seed included). */
export async function untilRelayed(stack: RunningStack, timeoutMs = 15_000): Promise<void> {
  await eventually(
    async () => {
      const pending = await Promise.all(partnerSubgraphs.map((name) => undelivered(stack.databaseUrls[name]!)));
      return pending.every((n) => n === 0);
    },
    timeoutMs,
    50,
  );
}

/** A date `days` from today (negative: in the past), as `YYYY-MM-DD`. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A POST with a JSON body and any headers; returns the HTTP status, headers and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, body: json, text, codes: codes(json ?? {}) };
}

/** The development secret the test hubs verify user tokens with (gateway/src/env.ts, `devJwtSecret`). */
const devJwtSecret = 'dev-jwt-secret-for-demo-tokens-only-0123456789';

/**
 * A user token with any claims and any flaw: another secret, issuer or audience, or an expiry
 * `expiresInSeconds` from now (negative: already expired). Defaults match what the gateway accepts.
 */
export function userToken(
  claims: Record<string, unknown>,
  options: { secret?: string; issuer?: string; audience?: string; subject?: string; expiresInSeconds?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject ?? 'forged-user')
    .setIssuer(options.issuer ?? 'party-alliance-hub')
    .setAudience(options.audience ?? 'party-alliance-hub')
    .setIssuedAt(now - 120)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600))
    .sign(new TextEncoder().encode(options.secret ?? devJwtSecret));
}
