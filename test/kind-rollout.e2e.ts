import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { identityHeader, stableId } from '@hub/contracts';
import { kindNames } from '@hub/kinds';
import { kindFolders } from '@hub/kinds/discover';
import {
  databaseUrl,
  dropDatabases,
  ensureDatabases,
  type RunningStack,
  repoRoot,
  type ServiceProcess,
  startServiceProcess,
} from '@hub/testkit';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFieldSpec, writeKindFolder } from '../scripts/kind-folder.ts';
import { demo, eventually, gql, startTestHub, tokenFor } from './support/hub.ts';
import { gatewayIdentity } from './support/identity.ts';
import {
  deliveryOf,
  deliveryProblems,
  type LiveSubscriber,
  listCursorsAfter,
  openSubscribers,
  untilLiveClients,
} from './support/live-client.ts';

/**
 * A new kind of partner joins a running hub (issue: "A new kind of partner joins without anyone
 * else redeploying"): its folder is written as `pnpm new-kind` writes it, its service started,
 * the alliance rolled, the supergraph applied live — while dashboards are subscribed and
 * queries run. No query fails, no event is lost, no other partner restarts; the gateway keeps
 * the old supergraph until every subgraph serves the new one; the new kind's items reach the
 * joint list and the dashboards.
 */

const port = 4250;
const name = 'e2e-clinic';
const names = kindNames(name);
/**
 * The hub of this test finds its kinds here (HUB_KINDS_DIR): links to the repository's kind
 * folders, then the new one, so nothing else running from the repository sees the new kind.
 */
const kindsDir = join(repoRoot, '.data', `kinds-${port}`);
const folder = join(kindsDir, name);
const clinic = stableId(`partner/${name}`);

let hub: RunningStack;
let supergraphPath: string;
let clinicService: ServiceProcess | null = null;
let subscribers: LiveSubscriber[] = [];
const failures: string[] = [];
let queriesAnswered = 0;
let querying = true;
let startCursor = '0';

const jointList = /* GraphQL */ `
  query List($id: ID!) {
    alliance(id: $id) { members { name kind } coBuildingList(first: 200) { edges { node { __typename id ... on Commitment { title status } } } } }
  }
`;

/**
 * Joint-list queries in a loop, about ten a second (under the per-user rate limit), as a
 * dashboard viewer sends them; every failure is kept.
 */
async function queryLoop(viewer: string): Promise<void> {
  while (querying) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      const response = await gql(hub.gatewayUrl, jointList, { id: demo.alliances.highway }, viewer);
      if (response.status !== 200 || response.errors?.length) {
        failures.push(JSON.stringify(response.errors ?? response.status).slice(0, 300));
      } else {
        queriesAnswered += 1;
      }
    } catch (error) {
      failures.push(String(error));
    }
  }
}

/** Another partner keeps publishing through the roll-out (a write refused while the alliance restarts is tried again). */
async function publishLoop(editor: string): Promise<number> {
  let published = 0;
  while (querying) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    const created = await gql(
      hub.gatewayUrl,
      'mutation($a: ID!, $input: TrafficPoliceCommitmentInput!) { trafficPolice { createCommitment(allianceId: $a, input: $input) { id } } }',
      {
        a: demo.alliances.highway,
        input: { title: `上线期间的事项 ${published + 1}`, category: 'WORK_LINKAGE', roadSection: 'G15 K1520', guarantees: ['SAFETY'] },
      },
      editor,
    );
    const id = created.data?.trafficPolice?.createCommitment?.id;
    if (id) {
      const done = await gql(
        hub.gatewayUrl,
        'mutation($id: ID!) { trafficPolice { publishCommitment(id: $id, version: 1) { id } } }',
        { id },
        editor,
      );
      published += done.errors ? 0 : 1;
    }
  }
  return published;
}

function runScript(args: string[]): void {
  execFileSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl(hub.databaseUrls.alliance, 'postgres'), HUB_KINDS_DIR: kindsDir },
    stdio: 'pipe',
  });
}

/** The schema subgraph `name` serves at `url` (asked as the gateway asks it, with an identity signed for it). */
async function served(name: string, url: string): Promise<string> {
  const identity = await gatewayIdentity(hub, { subject: 'test-rollout', role: 'viewer' }, name);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [identityHeader]: identity },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  return ((await response.json()) as { data: { _service: { sdl: string } } }).data._service.sdl;
}

/**
 * A supergraph composed from the given SDLs as `pnpm compose` writes it: with the development
 * URLs (the gateway maps them onto the test's ports).
 */
function compose(subgraphs: { name: string; url: string; sdl: string }[]): string {
  const devUrl = (url: string) => url.replace(/:(\d+)\//, (_, actual: string) => `:${Number(actual) - port + 4000}/`);
  const result = composeServices(
    subgraphs.map((subgraph) => ({ name: subgraph.name, url: devUrl(subgraph.url), typeDefs: parse(subgraph.sdl) })),
  );
  if (result.errors) {
    throw new Error(result.errors.map((error) => error.message).join('\n'));
  }
  return result.supergraphSdl;
}

const knowsClinic = async () => {
  const response = await gql(hub.gatewayUrl, `{ __type(name: "${names.typePrefix}Commitment") { name } }`);
  return response.data?.__type?.name === `${names.typePrefix}Commitment`;
};

beforeAll(async () => {
  rmSync(kindsDir, { recursive: true, force: true }); // a leftover of an interrupted run
  mkdirSync(kindsDir, { recursive: true });
  for (const kind of kindFolders()) {
    symlinkSync(join(repoRoot, 'services', kind), join(kindsDir, kind), 'dir');
  }
  supergraphPath = join(mkdtempSync(join(tmpdir(), 'hub-rollout-')), 'supergraph.graphql');
  copyFileSync(join(repoRoot, 'gateway', 'supergraph.graphql'), supergraphPath);
  hub = await startTestHub(port, { env: { HUB_SUPERGRAPH_PATH: supergraphPath, HUB_KINDS_DIR: kindsDir } });
});

afterAll(async () => {
  querying = false;
  await Promise.all(subscribers.map((subscriber) => subscriber.stop()));
  await clinicService?.stop();
  await hub?.stop();
  rmSync(kindsDir, { recursive: true, force: true });
});

describe('a new kind of partner joins a running hub', () => {
  it('is applied live once its service and the rolled alliance serve it, with no query failing and no event lost', async () => {
    const pidsBefore = hub.processIds();
    const viewer = await tokenFor({ role: 'viewer' });
    startCursor = (await gql(hub.gatewayUrl, 'query($id: ID!) { alliance(id: $id) { liveCursor } }', { id: demo.alliances.highway })).data
      .alliance.liveCursor;
    subscribers = openSubscribers(20, { url: hub.gatewayUrl, token: viewer, allianceId: demo.alliances.highway, after: startCursor });
    await untilLiveClients(hub, 20);
    const readers = await Promise.all(['a', 'b'].map((loop) => tokenFor({ role: 'viewer' }, `test-rollout-reader-${loop}`)));
    const loops = readers.map(queryLoop);
    const publishing = publishLoop(
      await tokenFor({ role: 'partner_editor', partnerId: demo.partners.trafficPolice }, 'test-rollout-police'),
    );

    // 1. The kind's folder, as `pnpm new-kind` writes it, with its first migration and schemas.
    await writeKindFolder(
      {
        name,
        label: { zh: '卫生院', en: 'Clinic' },
        fields: ['department:text!', 'servedPeople:count!', 'services:choices=OUTPATIENT,EMERGENCY,HOME_VISIT'].map(parseFieldSpec),
      },
      kindsDir,
    );
    runScript(['scripts/make-migration.ts', name]);
    const sdlDir = mkdtempSync(join(tmpdir(), 'hub-rollout-sdl-'));
    runScript(['scripts/emit-schemas.ts', '--out', sdlDir, 'alliance', name]);
    const sdlOf = (service: string) => readFileSync(join(sdlDir, `${service}.graphql`), 'utf8');
    expect(sdlOf(name)).toContain(`type ${names.typePrefix}Commitment implements Commitment`);
    expect(sdlOf('alliance')).toContain(`type ${names.typePrefix}Commitment implements Commitment`);

    // 2. The new supergraph arrives before the alliance is rolled and before the service runs:
    // the gateway keeps the old one, and every query goes on working.
    const clinicUrl = `http://127.0.0.1:${port + kindOffset()}/graphql`;
    const others = Object.entries(hub.subgraphUrls).filter(([service]) => service !== 'alliance');
    const partnerSdls = await Promise.all(others.map(async ([service, url]) => ({ name: service, url, sdl: await served(service, url) })));
    const next = compose([
      { name: 'alliance', url: hub.subgraphUrls.alliance, sdl: sdlOf('alliance') },
      ...partnerSdls,
      { name, url: clinicUrl, sdl: sdlOf(name) },
    ]);
    writeFileSync(supergraphPath, next);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await knowsClinic()).toBe(false);

    // 3. The new kind's service starts (its own database); the alliance is rolled; nothing else restarts.
    const server = databaseUrl(hub.databaseUrls.alliance, 'postgres');
    await dropDatabases(server, [`hub_test_${port}_${names.database}`]);
    await ensureDatabases(server, [`hub_test_${port}_${names.database}`]);
    clinicService = await startServiceProcess({
      name,
      entry: join(folder, 'src', 'index.ts'),
      cwd: repoRoot,
      port: port + kindOffset(),
      env: {
        PORT: String(port + kindOffset()),
        DATABASE_URL: databaseUrl(server, `hub_test_${port}_${names.database}`),
        HUB_SEED: 'demo',
        ALLIANCE_INTERNAL_URL: `http://127.0.0.1:${port + 1}`,
        // The new organization's own key (generated: development), and the gateway's published keys.
        HUB_SIGNING_KEYS: join(hub.keysDir, `${name}.jwks.json`),
        HUB_GATEWAY_KEYS_URL: `${new URL(hub.gatewayUrl).origin}/.well-known/jwks.json`,
      },
      log: () => {},
    });
    await hub.stopService('alliance');
    await hub.startService('alliance');
    await eventually(knowsClinic, 20_000, 250);

    // 4. The coordinator admits the clinic; its editor publishes; the item is on the list and live.
    const coordinator = await tokenFor({ role: 'coordinator' });
    const admitted = await gql(
      hub.gatewayUrl,
      'mutation($a: ID!, $input: AdmitPartnerInput!) { admitPartner(allianceId: $a, input: $input) { partnerId kind } }',
      { a: demo.alliances.highway, input: { partnerId: clinic, kind: names.kind, name: '卫生院', liaisonName: '赵医生' } },
      coordinator,
    );
    expect(admitted.errors).toBeUndefined();
    const editor = await tokenFor({ role: 'partner_editor', partnerId: clinic });
    const created = await gql(
      hub.gatewayUrl,
      `mutation($a: ID!, $input: ${names.typePrefix}CommitmentInput!) { ${names.namespace} { createCommitment(allianceId: $a, input: $input) { id version } } }`,
      {
        a: demo.alliances.highway,
        input: {
          title: '卫生院进工地义诊',
          category: 'WORK_LINKAGE',
          dueDate: '2027-06-30',
          department: '全科',
          servedPeople: 120,
          services: ['OUTPATIENT', 'HOME_VISIT'],
        },
      },
      editor,
    );
    expect(created.errors).toBeUndefined();
    const { id } = created.data[names.namespace].createCommitment;
    const published = await gql(
      hub.gatewayUrl,
      `mutation($id: ID!) { ${names.namespace} { publishCommitment(id: $id, version: 1) { status } } }`,
      { id },
      editor,
    );
    expect(published.errors).toBeUndefined();
    const listed = await eventually(async () => {
      const response = await gql(
        hub.gatewayUrl,
        `query($id: ID!) { alliance(id: $id) { coBuildingList(first: 200) { edges { node { __typename id ... on ${names.typePrefix}Commitment { department servedPeople services } } } } } }`,
        { id: demo.alliances.highway },
      );
      return response.data?.alliance?.coBuildingList.edges.find((edge: { node: { id: string } }) => edge.node.id === id)?.node;
    }, 20_000);
    expect(listed).toEqual({
      __typename: `${names.typePrefix}Commitment`,
      id,
      department: '全科',
      servedPeople: 120,
      services: ['OUTPATIENT', 'HOME_VISIT'],
    });

    // 5. Every dashboard got every change, the clinic's included, once; no query failed.
    querying = false;
    await Promise.all(loops);
    const othersPublished = await publishing;
    expect(othersPublished).toBeGreaterThan(5);
    const expected = await listCursorsAfter(hub, demo.alliances.highway, startCursor);
    await eventually(async () => subscribers.every((subscriber) => subscriber.hasAll(expected)), 20_000, 100);
    const clinicEvent = subscribers[0]?.events.find((event) => event.commitmentId === id);
    expect(clinicEvent).toBeDefined();
    expect(deliveryProblems(subscribers.map((subscriber) => deliveryOf(subscriber, expected)))).toEqual([]);
    expect(failures).toEqual([]);
    expect(queriesAnswered).toBeGreaterThan(10);
    const pidsAfter = hub.processIds();
    for (const service of ['gateway', 'enterprise', 'town-village', 'university', 'traffic-police']) {
      expect(pidsAfter[service], `${service} kept running`).toBe(pidsBefore[service]);
    }
    console.log(
      `[kind-rollout] ${queriesAnswered} queries answered during the roll-out, 0 failed; ${othersPublished} items published by another partner meanwhile; ${expected.length} events, each delivered to all ${subscribers.length} dashboards`,
    );
  });
});

/** The clinic's port offset from the gateway's, as its definition's dev port gives it. */
function kindOffset(): number {
  const definition = readFileSync(join(folder, 'src', 'kind.ts'), 'utf8');
  return Number(/"port": (\d+)/.exec(definition)?.[1]) - 4000;
}
