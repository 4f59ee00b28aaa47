import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addNextKey,
  gatewayIssuer,
  type InternalSigner,
  identityHeader,
  openKeyRing,
  promoteNextKey,
  retireOldKeys,
  signInternalIdentity,
  type Viewer,
} from '@hub/contracts';
import { type RunningStack, repoRoot } from '@hub/testkit';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, startTestHub } from './support/hub.ts';
import { gatewayIdentity, signerOf } from './support/identity.ts';
import {
  type Caller,
  CommitmentDesk,
  jointList,
  listedItems,
  ok,
  partnerSubgraphs,
  people,
  postJson,
  signIn,
  sql,
  untilRelayed,
} from './support/publishing.ts';

/**
 * Trust between organizations (ADR 0020): each signer holds only its own Ed25519 key, publishes
 * its public keys, and every token is bound to the one subgraph it is for. A partner holding its
 * own key cannot speak as the gateway or as another partner kind, nor replay a token elsewhere;
 * keys rotate under load without losing a request or an event; production never runs on keys
 * it did not bring.
 */

const port = 5800;
let hub: RunningStack;
let coordinator: Caller;
let wideningEditor: Caller;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  // Public keys are fetched again every second here (default 5 minutes), so a rotation's steps follow
  // quickly; the load of the rotation test is more than one user's rate allows.
  hub = await startTestHub(port, { env: { HUB_KEYS_REFRESH_S: '1', HUB_RATE_LIMIT_PER_MINUTE: '1000000' } });
  coordinator = await signIn(hub.gatewayUrl, people.coordinator);
  wideningEditor = await signIn(hub.gatewayUrl, people.wideningEditor);
  await untilRelayed(hub);
});

afterAll(async () => {
  await hub?.stop();
});

const subgraphNames = () => Object.keys(hub.subgraphUrls);
const originOf = (url: string) => new URL(url).origin;
const graphqlOf = (subgraph: string) => hub.subgraphUrls[subgraph] as string;
const internalRoute = (route: string) => graphqlOf('alliance').replace(/\/graphql$/, route);
const asCoordinator: Viewer = { subject: 'forger', role: 'coordinator', name: '冒充者' };

async function publishedKeys(origin: string): Promise<{ status: number; keys: Record<string, unknown>[] }> {
  const response = await fetch(`${origin}/.well-known/jwks.json`);
  return { status: response.status, keys: response.ok ? ((await response.json()) as { keys: Record<string, unknown>[] }).keys : [] };
}

/** A commitment event of `partnerId`, well formed, never written by any partner. */
function forgedEvent(partnerId: string, title: string) {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  return {
    id,
    body: {
      events: [
        {
          eventId: crypto.randomUUID(),
          entity: 'commitment',
          entityId: id,
          version: 1,
          payload: {
            id,
            allianceId: demo.alliances.highway,
            partnerId,
            title,
            category: 'WORK_LINKAGE',
            status: 'PUBLISHED',
            progress: 0,
            startDate: null,
            dueDate: null,
            publishedAt: now,
            completedAt: null,
            lastProgressAt: null,
            updatedAt: now,
          },
        },
      ],
    },
  };
}

/** A partner of each kind in the highway alliance, for events that kind's relay may deliver. */
const partnerOfKind: Record<string, string> = {
  enterprise: demo.partners.widening,
  'town-village': demo.partners.ninghai,
  university: demo.partners.institute,
  'traffic-police': demo.partners.trafficPolice,
};

describe('published keys', () => {
  it('the gateway and each partner subgraph publish the public half of their own keys; the alliance, which signs nothing, none', async () => {
    const signers: [string, string][] = [
      [gatewayIssuer, originOf(hub.gatewayUrl)],
      ...partnerSubgraphs.map((name): [string, string] => [name, originOf(graphqlOf(name))]),
    ];
    const kids = new Set<unknown>();
    for (const [name, origin] of signers) {
      const { status, keys } = await publishedKeys(origin);
      expect(status, name).toBe(200);
      expect(keys.length, name).toBeGreaterThanOrEqual(1);
      for (const key of keys) {
        expect(key, name).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
        expect(Object.keys(key).sort(), name).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      }
      const file = JSON.parse(readFileSync(join(hub.keysDir, `${name}.jwks.json`), 'utf8')) as { keys: { kid: string }[] };
      expect(
        keys.map((key) => key.kid),
        name,
      ).toEqual(file.keys.map((key) => key.kid));
      for (const key of keys) {
        kids.add(key.kid);
      }
    }
    // Every organization has keys of its own.
    expect(kids.size).toBe(signers.length);
    expect((await publishedKeys(originOf(graphqlOf('alliance')))).status).toBe(404);
  });
});

describe('no organization speaks for another', () => {
  it('a partner’s key cannot sign as the gateway: every subgraph refuses it, and nothing is written', async () => {
    const name = '伪造网关身份创建的联盟';
    for (const partner of partnerSubgraphs) {
      const own = await signerOf(hub, partner);
      const asGateway: InternalSigner = { issuer: gatewayIssuer, keys: own.keys };
      for (const subgraph of subgraphNames()) {
        const token = await signInternalIdentity(asCoordinator, asGateway, subgraph);
        const query =
          subgraph === 'alliance'
            ? {
                query: 'mutation($name: String!) { createAlliance(input: { name: $name, coordinatorName: "冒充" }) { id } }',
                variables: { name },
              }
            : { query: '{ __typename }' };
        const response = await postJson(graphqlOf(subgraph), query, { [identityHeader]: token });
        expect(response.status, `${partner} as the gateway at ${subgraph}`).toBe(401);
        expect(response.codes, `${partner} as the gateway at ${subgraph}`).toEqual(['UNAUTHENTICATED']);
      }
    }
    const [row] = await sql<{ n: string }>(hub.databaseUrls.alliance as string, 'select count(*) as n from alliance where name = $1', [
      name,
    ]);
    expect(Number(row?.n)).toBe(0);
  });

  it('a partner’s key cannot deliver, or ask, as another partner kind; its own relay identity opens no GraphQL', async () => {
    const forgedIds: string[] = [];
    for (const partner of partnerSubgraphs) {
      const own = await signerOf(hub, partner);
      for (const other of partnerSubgraphs.filter((kind) => kind !== partner)) {
        const asOther: InternalSigner = { issuer: other, keys: own.keys };
        const token = await signInternalIdentity({ subject: `relay:${other}`, role: 'viewer' }, asOther, 'alliance');
        const event = forgedEvent(partnerOfKind[other] as string, `由${partner}伪造的${other}事项`);
        forgedIds.push(event.id);
        for (const [route, body] of [
          ['/ingest', event.body],
          ['/members', { allianceId: demo.alliances.highway }],
          ['/assignments', {}],
        ] as const) {
          const response = await postJson(internalRoute(route), body, { [identityHeader]: token });
          expect(response.status, `${partner} as ${other} at ${route}`).toBe(401);
          expect(response.codes, `${partner} as ${other} at ${route}`).toEqual(['UNAUTHENTICATED']);
        }
      }
      // Its genuine relay identity: good for the alliance's internal routes, not for anyone's GraphQL.
      const relay = await signInternalIdentity({ subject: `relay:${partner}`, role: 'viewer' }, own, 'alliance');
      expect((await postJson(internalRoute('/members'), { allianceId: demo.alliances.highway }, { [identityHeader]: relay })).status).toBe(
        200,
      );
      const graphql = await postJson(graphqlOf('alliance'), { query: '{ alliances { id } }' }, { [identityHeader]: relay });
      expect(graphql.status, `${partner}'s relay at the alliance's GraphQL`).toBe(401);
      const accounts = await postJson(internalRoute('/accounts'), {}, { [identityHeader]: relay });
      expect(accounts.status, `${partner}'s relay at /accounts`).toBe(403);
    }
    const listed = (await listedItems(coordinator, demo.alliances.highway)).map((item) => item.id);
    for (const id of forgedIds) {
      expect(listed).not.toContain(id);
    }
  });

  it('a token for one subgraph is refused by every other; a kid of the gateway’s on another key, HS256 keyed by its public key, expired: refused', async () => {
    const viewer: Viewer = { subject: 'replay', role: 'partner_editor', partnerId: demo.partners.trafficPolice };
    for (const audience of subgraphNames()) {
      const token = await gatewayIdentity(hub, viewer, audience);
      for (const target of subgraphNames()) {
        const response = await postJson(graphqlOf(target), { query: '{ __typename }' }, { [identityHeader]: token });
        expect(response.status, `a token for ${audience} at ${target}`).toBe(audience === target ? 200 : 401);
      }
    }
    const gateway = await signerOf(hub, gatewayIssuer);
    const kid = (await gateway.keys.signing()).kid;
    const impostor = await openKeyRing(join(hub.keysDir, 'impostor.jwks.json'), { create: true });
    const impostorKey = await impostor.signing();
    const now = Math.floor(Date.now() / 1000);
    const claims = (builder: SignJWT) => builder.setSubject('forger').setIssuer(gatewayIssuer).setAudience('enterprise').setIssuedAt();
    const flawed: Record<string, string> = {
      'the gateway’s kid on another key': await claims(new SignJWT({ role: 'coordinator' }))
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setExpirationTime('60s')
        .sign(impostorKey.privateKey),
      'HS256 keyed by the published key': await claims(new SignJWT({ role: 'coordinator' }))
        .setProtectedHeader({ alg: 'HS256', kid })
        .setExpirationTime('60s')
        .sign(new TextEncoder().encode(JSON.stringify((await publishedKeys(originOf(hub.gatewayUrl))).keys[0]))),
      'alg none': `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: 'forger', role: 'coordinator', iss: gatewayIssuer, aud: 'enterprise', iat: now, exp: now + 60 }),
      ).toString('base64url')}.`,
      expired: await claims(new SignJWT({ role: 'coordinator' }))
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setIssuedAt(now - 600)
        .setExpirationTime(now - 300)
        .sign((await gateway.keys.signing()).privateKey),
      'no expiry': await claims(new SignJWT({ role: 'coordinator' }))
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .sign((await gateway.keys.signing()).privateKey),
    };
    for (const [flaw, token] of Object.entries(flawed)) {
      const response = await postJson(graphqlOf('enterprise'), { query: '{ __typename }' }, { [identityHeader]: token });
      expect(response.status, flaw).toBe(401);
      expect(response.codes, flaw).toEqual(['UNAUTHENTICATED']);
    }
  });
});

describe('key rotation', () => {
  it('rotates the gateway’s key and a partner relay’s key under load: no request refused, every published item delivered', async () => {
    const gatewayFile = join(hub.keysDir, `${gatewayIssuer}.jwks.json`);
    const relayFile = join(hub.keysDir, 'enterprise.jwks.json');
    const oldGatewayKid = (await (await signerOf(hub, gatewayIssuer)).keys.signing()).kid;
    const tally = { reads: 0, writes: 0, failures: [] as string[] };
    const published: string[] = [];
    let running = true;

    // Readers: the coordinator's joint list (the alliance and every partner's fields), four at a time.
    const reader = async (n: number) => {
      while (running) {
        const page = await jointList(coordinator, demo.alliances.highway, { first: 40 + n });
        if (page.status !== 200 || page.codes.length > 0) {
          tally.failures.push(`read: ${page.status} ${page.codes.join(',')}`);
        }
        tally.reads += 1;
      }
    };
    // A writer: the widening project's editor publishes one item after another (gateway → enterprise → relay → alliance).
    const desk = new CommitmentDesk(wideningEditor, 'ENTERPRISE');
    const writer = async () => {
      while (running) {
        const draft = await desk.create(demo.alliances.highway, { title: `轮换中发布 ${published.length + 1}`, category: 'WORK_LINKAGE' });
        const done = draft.item ? await desk.publish(draft.item.id, draft.item.version) : draft;
        if (!done.item || done.codes.length > 0) {
          tally.failures.push(`write: ${done.status} ${done.codes.join(',')}`);
        } else {
          published.push(done.item.id);
        }
        tally.writes += 1;
      }
    };
    const load = Promise.all([reader(0), reader(1), reader(2), reader(3), writer()]);
    try {
      await sleep(1500);
      const nextGatewayKid = await addNextKey(gatewayFile);
      await addNextKey(relayFile);
      await sleep(3000); // verifiers fetch the keys every second: the new ones are known before they sign
      promoteNextKey(gatewayFile);
      promoteNextKey(relayFile);
      await eventually(async () => (await publishedKeys(originOf(hub.gatewayUrl))).keys[0]?.kid === nextGatewayKid, 5000);
      // The gateway reuses a signed identity for 30 s: after that none with the old key is in use.
      await sleep(31_000);
      retireOldKeys(gatewayFile);
      retireOldKeys(relayFile);
      await sleep(3000);
    } finally {
      running = false;
      await load;
    }
    console.log(`[trust] rotation under load: ${tally.reads} reads, ${tally.writes} publishes, ${tally.failures.length} refused or failed`);
    expect(tally.failures).toEqual([]);
    expect(tally.reads).toBeGreaterThan(20);
    expect(published.length).toBeGreaterThan(3);
    // Every item published during the rotation reached the alliance through the relay's rotated key.
    await eventually(async () => {
      const listed = new Set((await listedItems(coordinator, demo.alliances.highway)).map((item) => item.id));
      return published.every((id) => listed.has(id));
    }, 20_000);
    const keys = (await publishedKeys(originOf(hub.gatewayUrl))).keys;
    expect(keys).toHaveLength(1);
    expect(keys[0]?.kid).not.toBe(oldGatewayKid);
    ok(await jointList(coordinator, demo.alliances.highway, { first: 5 }));
  }, 90_000);
});

/** Runs one service's entry point with `env` and resolves with its exit code and output once it exits. */
function runUntilExit(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('production', () => {
  it('refuses to start without keys of its own, or without knowing whose keys to believe', async () => {
    const production = { HUB_ENV: 'production', NODE_ENV: 'production' };
    const gatewayEnv = {
      ...production,
      PORT: String(port + 8),
      HUB_JWT_SECRET: 'trust-e2e-jwt-secret-0123456789abcdef0123',
      HUB_DEMO_LOGIN: '0',
    };
    const partnerEnv = {
      ...production,
      PORT: String(port + 9),
      DATABASE_URL: hub.databaseUrls.enterprise as string,
      HUB_GATEWAY_KEYS_URL: `${originOf(hub.gatewayUrl)}/.well-known/jwks.json`,
    };
    const missing = join(hub.keysDir, 'never-created.jwks.json');
    const cases: [string, string, Record<string, string>, RegExp][] = [
      ['gateway without HUB_SIGNING_KEYS', 'gateway/src/index.ts', gatewayEnv, /HUB_SIGNING_KEYS/],
      [
        'gateway with a key file that is not there',
        'gateway/src/index.ts',
        { ...gatewayEnv, HUB_SIGNING_KEYS: missing },
        /No signing keys/,
      ],
      ['partner without HUB_SIGNING_KEYS', 'services/enterprise/src/index.ts', partnerEnv, /HUB_SIGNING_KEYS/],
      [
        'partner with a key file that is not there',
        'services/enterprise/src/index.ts',
        { ...partnerEnv, HUB_SIGNING_KEYS: missing },
        /No signing keys/,
      ],
      [
        'partner not told where the gateway’s keys are',
        'services/enterprise/src/index.ts',
        { ...production, PORT: String(port + 9), DATABASE_URL: partnerEnv.DATABASE_URL, HUB_SIGNING_KEYS: missing },
        /HUB_GATEWAY_KEYS_URL/,
      ],
      [
        'alliance not told where the kinds’ keys are',
        'services/alliance/src/index.ts',
        {
          ...production,
          PORT: String(port + 9),
          DATABASE_URL: hub.databaseUrls.alliance as string,
          HUB_GATEWAY_KEYS_URL: partnerEnv.HUB_GATEWAY_KEYS_URL,
        },
        /HUB_KIND_KEYS_URL_TEMPLATE/,
      ],
    ];
    const results = await Promise.all(cases.map(([, entry, env]) => runUntilExit(entry, env)));
    for (const [i, [name, , , message]] of cases.entries()) {
      const result = results[i] as { code: number | null; output: string };
      expect(result.code, name).not.toBe(0);
      expect(result.output, name).toMatch(message);
    }
    // Nothing was created where production found no key file.
    expect(() => readFileSync(missing)).toThrow();
  }, 120_000);
});
