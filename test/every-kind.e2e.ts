import type { RunningStack } from '@hub/testkit';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, gql, startTestHub, tokenFor } from './support/hub.ts';
import { type TestKind, testKinds } from './support/kinds.ts';

/**
 * What every partner kind must do, run for each kind folder the repository has: a kind added
 * with `pnpm new-kind` is covered here the moment it exists. Publishing (a private draft, the
 * joint list with the kind's own fields, progress, completion), roles (only its own editors write
 * in its namespace), live delivery with its fields, and hostile values in each of its text fields.
 */

let hub: RunningStack;
let allianceId: string;
let coordinator: string;
let viewer: string;
const editors = new Map<string, string>();

const ownSelection = (kind: TestKind) => Object.keys(kind.definition.fields).join(' ');
const call = (query: string, variables: Record<string, unknown>, token?: string) => gql(hub.gatewayUrl, query, variables, token);

/** Creates an item of the kind as its editor, or as someone else (`{}`: anonymous). */
function create(kind: TestKind, input: Record<string, unknown>, as?: { token?: string }) {
  return call(
    `mutation($a: ID!, $input: ${kind.prefix}CommitmentInput!) { ${kind.namespace} { createCommitment(allianceId: $a, input: $input) { id version status } } }`,
    {
      a: allianceId,
      input: { title: `${kind.definition.label.zh}的共建事项`, category: 'WORK_LINKAGE', dueDate: '2027-06-30', ...kind.own, ...input },
    },
    as ? as.token : editors.get(kind.kind),
  );
}

async function createOk(kind: TestKind, input: Record<string, unknown> = {}): Promise<string> {
  const created = await create(kind, input);
  expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
  return created.data[kind.namespace].createCommitment.id;
}

async function step(kind: TestKind, mutation: string, args: string, variables: Record<string, unknown>) {
  const response = await call(
    `mutation($id: ID!, $version: Int!${args ? `, ${args}` : ''}) { ${kind.namespace} { ${mutation} { id version status } } }`,
    variables,
    editors.get(kind.kind),
  );
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data[kind.namespace][mutation.replace(/\(.*$/, '')] as { version: number; status: string };
}

async function listed(kind: TestKind, id: string) {
  const response = await call(
    `query($id: ID!) { alliance(id: $id) { coBuildingList(first: 100) { edges { node { __typename id ... on Commitment { status progress } ... on ${kind.prefix}Commitment { ${ownSelection(kind)} } } } } } }`,
    { id: allianceId },
  );
  return response.data?.alliance?.coBuildingList.edges
    .map((edge: { node: Record<string, unknown> }) => edge.node)
    .find((node: { id: string }) => node.id === id);
}

async function myCount(kind: TestKind): Promise<number> {
  const response = await call(`{ ${kind.namespace} { myCommitments { id } } }`, {}, editors.get(kind.kind));
  return response.data[kind.namespace].myCommitments.length;
}

beforeAll(async () => {
  hub = await startTestHub(4260);
  coordinator = await tokenFor({ role: 'coordinator' });
  viewer = await tokenFor({ role: 'viewer' });
  const founded = await call(
    'mutation($input: AllianceInput!) { createAlliance(input: $input) { id } }',
    {
      input: { name: '每类共建单位联盟', coordinatorName: '两新工委', foundedOn: '2026-03-01' },
    },
    coordinator,
  );
  allianceId = founded.data.createAlliance.id;
  for (const kind of testKinds) {
    const admitted = await call(
      'mutation($a: ID!, $input: AdmitPartnerInput!) { admitPartner(allianceId: $a, input: $input) { partnerId } }',
      { a: allianceId, input: { partnerId: kind.partner.partnerId, kind: kind.kind, name: kind.partner.name } },
      coordinator,
    );
    expect(admitted.errors, JSON.stringify(admitted.errors)).toBeUndefined();
    editors.set(kind.kind, await tokenFor(kind.editor, `test-editor-${kind.kind}`));
  }
});

afterAll(async () => {
  await hub?.stop();
});

it('finds every kind folder, each served by the API with its own fields', async () => {
  const response = await call('{ partnerKinds { kind namespace typePrefix fields { name } } }', {});
  expect(response.data.partnerKinds.map((kind: { kind: string }) => kind.kind)).toEqual(testKinds.map((kind) => kind.kind));
  expect(testKinds.length).toBeGreaterThanOrEqual(4);
});

describe.each(testKinds.map((kind) => [kind.kind, kind] as const))('partner kind %s', (_name, kind) => {
  it('keeps a draft private, publishes it to the joint list with its own fields, reports progress and completes it', async () => {
    const id = await createOk(kind, { branchId: kind.partner.branchId });
    const anonymousRead = await call(`query($id: ID!) { ${kind.namespace} { commitment(id: $id) { id } } }`, { id });
    expect(anonymousRead.data?.[kind.namespace]?.commitment ?? null).toBeNull();
    await step(kind, 'publishCommitment(id: $id, version: $version)', '', { id, version: 1 });
    const published = await eventually(() => listed(kind, id), 20_000);
    expect(published).toMatchObject({ __typename: `${kind.prefix}Commitment`, status: 'PUBLISHED', ...kind.own });
    await step(kind, 'reportProgress(id: $id, version: $version, input: $input)', '$input: ProgressInput!', {
      id,
      version: 2,
      input: { percent: 40, text: '推进中' },
    });
    await step(kind, 'completeCommitment(id: $id, version: $version)', '', { id, version: 3 });
    await eventually(async () => (await listed(kind, id))?.status === 'COMPLETED', 20_000);
  });

  it('lets only its own editors write in its namespace', async () => {
    const others = testKinds.filter((other) => other.kind !== kind.kind);
    const refusals: [string, string | undefined, string][] = [
      ['anonymous', undefined, 'UNAUTHENTICATED'],
      ['a viewer', viewer, 'FORBIDDEN'],
      ['the coordinator', coordinator, 'FORBIDDEN'],
      ...others.map((other): [string, string | undefined, string] => [`an editor of ${other.kind}`, editors.get(other.kind), 'FORBIDDEN']),
    ];
    const before = await myCount(kind);
    for (const [who, token, code] of refusals) {
      const refused = await create(kind, {}, { token });
      expect(
        refused.errors?.map((error) => error.extensions?.code),
        who,
      ).toContain(code);
    }
    expect(await myCount(kind)).toBe(before);
  });

  it('refuses NUL and unpaired surrogates in each of its text fields, and a blank required text, writing nothing', async () => {
    const before = await myCount(kind);
    for (const path of kind.textPaths) {
      for (const bad of ['\u0000', 'a\u0000b', '\ud800']) {
        const [field, index] = path.split('.');
        const value =
          index === undefined ? bad : (kind.own[field as string] as unknown[]).map((entry, i) => (i === Number(index) ? bad : entry));
        const refused = await create(kind, { [field as string]: value });
        expect(refused.errors?.[0]?.extensions?.code, `${path} = ${JSON.stringify(bad)}`).toMatch(
          /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/,
        );
        expect(JSON.stringify(refused.errors)).not.toMatch(/select |postgres|violates|invalid byte/i);
      }
    }
    for (const [name, field] of Object.entries(kind.definition.fields)) {
      if (field.type === 'text' && field.required) {
        const refused = await create(kind, { [name]: '   ' });
        expect(refused.errors?.[0]?.extensions, name).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
      }
    }
    expect(await myCount(kind)).toBe(before);
  });

  it('delivers its published items live, with its own fields, to a dashboard', async () => {
    const start = (await call('query($id: ID!) { alliance(id: $id) { liveCursor } }', { id: allianceId })).data.alliance.liveCursor;
    const client = createClient({ url: hub.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: Record<string, any>[] = [];
    const stop = client.subscribe(
      {
        query: `subscription($a: ID!, $after: String) { coBuildingListChanged(allianceId: $a, after: $after) { cursor action commitment { __typename id ... on ${kind.prefix}Commitment { ${ownSelection(kind)} } } } }`,
        variables: { a: allianceId, after: start },
      },
      {
        next: (value) => void received.push(value.data?.coBuildingListChanged as Record<string, any>),
        error: () => {},
        complete: () => {},
      },
    );
    try {
      const id = await createOk(kind);
      await step(kind, 'publishCommitment(id: $id, version: $version)', '', { id, version: 1 });
      const event = await eventually(async () => received.find((change) => change?.commitment?.id === id), 20_000);
      expect(event).toMatchObject({ action: 'PUBLISHED', commitment: { __typename: `${kind.prefix}Commitment`, ...kind.own } });
    } finally {
      stop();
      await client.dispose();
    }
  });
});
