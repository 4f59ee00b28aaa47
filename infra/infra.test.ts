import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindNames } from '@hub/kinds';
import { discoverKinds } from '@hub/kinds/discover';
import { subgraphServices } from '@hub/testkit';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { parseGatewayEnv } from '../gateway/src/env.ts';
import { subgraphUrlsOf } from '../gateway/src/subgraph-urls.ts';
import { defaultSupergraphPath, readSupergraph } from '../gateway/src/supergraph.ts';
import { parseSubgraphEnv } from '../packages/subgraph-kit/src/env.ts';
import { containerCommand, containerPort, healthPaths, infraFiles, isGenerated, signers } from '../scripts/infra-files.ts';

/**
 * The deployment descriptions cannot run here (no container engine, no cluster), so they are
 * checked against the code instead: the parts that list the subgraphs are what `pnpm infra`
 * builds from the kind folders, every process they start exists and runs its own entry point,
 * every variable they set is one that process reads, every process listens on the one container
 * port, probes ask /health, and the URLs and databases they wire up agree with each other.
 * Each organization's part runs as that organization would (ADR 0020): every signer with a key
 * file of its own that nothing else mounts, every subgraph with a database and credentials of its
 * own, every verifier told where its issuers publish their keys, no shared secret anywhere.
 */

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const exists = (path: string) => existsSync(new URL(path, root));

/** Every .ts file under a folder of the repository (recursively, node_modules excluded). */
function sources(folder: string): string[] {
  return readdirSync(new URL(folder, root), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('node_modules'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** Variables read as `process.env.X` or `source.X` (the env parsers' parameter). */
function variablesRead(folder: string): string[] {
  return sources(folder).flatMap((text) => matches(text, /\b(?:process\.env|source)\.([A-Z][A-Z0-9_]*)/g));
}

/** Keys of a zod environment schema: `  NAME: z.…`. */
function zodKeys(path: string): string[] {
  return matches(read(path), /^\s+([A-Z][A-Z0-9_]*):\s*z\s*\./gm);
}

const serviceNames = readdirSync(new URL('services/', root), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** The kind folders (`services/<name>/src/kind.ts`). */
const kinds = await discoverKinds();
const deployables = [...serviceNames, 'gateway'];
const isPartner = (name: string) => serviceNames.includes(name) && read(`services/${name}/src/index.ts`).includes('runPartnerService');

function entryPoint(name: string): string {
  return name === 'gateway' ? 'gateway/src/index.ts' : `services/${name}/src/index.ts`;
}
/** A deployable's command in its container: its compiled entry point under plain Node (`pnpm build`). */
function command(name: string): string[] {
  return containerCommand(name === 'gateway' ? 'gateway' : `services/${name}`);
}

/** The variables each process reads: its environment schema plus direct reads. */
const subgraphCommon = [
  ...zodKeys('packages/subgraph-kit/src/env.ts'),
  ...variablesRead('packages/subgraph-kit/src'),
  // How partners' events travel (ADR 0021): read by the alliance and every partner subgraph.
  ...zodKeys('packages/event-stream/src/settings.ts'),
];
function readable(name: string): Set<string> {
  if (name === 'gateway') {
    return new Set([...zodKeys('gateway/src/env.ts'), ...variablesRead('gateway/src')]);
  }
  const own = variablesRead(`services/${name}/src`);
  const kit = isPartner(name) ? variablesRead('packages/partner-kit/src') : [];
  return new Set([...subgraphCommon, ...kit, ...own]);
}

/** Each subgraph's database name, as the testkit (and so `pnpm start`) names it. */
const databaseNames = new Map(subgraphServices.map((s) => [s.name, s.database]));

/** The shared secret that keys per organization replaced: no process reads it, no file sets it. */
const sharedSecret = 'HUB_INTERNAL_SECRET';

/** Where a verifier finds an issuer's published keys: its address, on its port, at the JWKS path. */
const jwksUrl = (host: string, port: number | string | undefined) => `http://${host}:${port}/.well-known/jwks.json`;

/** Whether git ignores a path (key files must never be committed). */
const ignoredByGit = (path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: root.pathname }).status === 0;

/** Every value that occurs more than once among these (empty: each is its own). */
function repeated(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

/** Where a gateway with this template calls each subgraph of the committed supergraph. */
const gatewayTargets = (template: string | undefined) =>
  subgraphUrlsOf(readSupergraph(defaultSupergraphPath), { PORT: containerPort, HUB_SUBGRAPH_URL_TEMPLATE: template });

/** What each process's health checks and probes ask (scripts/infra-files.ts, ADR 0017). */
const healthOf = (name: string) => healthPaths[name === 'gateway' ? 'gateway' : 'subgraph'];

describe('what the code says', () => {
  it('finds every deployable, its entry point and variables; every service folder but the alliance is a kind', () => {
    expect(deployables).toEqual(expect.arrayContaining(['alliance', 'gateway']));
    for (const name of deployables) {
      expect(exists(entryPoint(name)), entryPoint(name)).toBe(true);
    }
    expect(kinds.length).toBeGreaterThan(0);
    expect(['alliance', ...kinds.map((kind) => kind.name)].sort()).toEqual([...serviceNames].sort());
    expect([...readable('gateway')]).toEqual(expect.arrayContaining(['PORT', 'HOST', 'HUB_SIGNING_KEYS', 'HUB_SUBGRAPH_URL_TEMPLATE']));
    expect([...readable('alliance')]).toEqual(
      expect.arrayContaining(['PORT', 'HOST', 'DATABASE_URL', 'HUB_GATEWAY_KEYS_URL', 'HUB_KIND_KEYS_URL_TEMPLATE', 'HUB_SEED']),
    );
    expect(isPartner('alliance')).toBe(false);
    for (const kind of kinds) {
      expect(isPartner(kind.name), kind.name).toBe(true);
      expect([...readable(kind.name)]).toEqual(
        expect.arrayContaining(['ALLIANCE_INTERNAL_URL', 'HUB_SIGNING_KEYS', 'HUB_GATEWAY_KEYS_URL']),
      );
      expect(databaseNames.get(kind.name)).toBe(kindNames(kind.name).database);
    }
    expect([...databaseNames.keys()].sort()).toEqual([...serviceNames].sort());
    expect(signers(kinds)).toEqual(['gateway', ...kinds.map((kind) => kind.name)]);
  });

  it('has no shared secret: no process reads HUB_INTERNAL_SECRET and no infra file names it', () => {
    for (const name of deployables) {
      expect(readable(name).has(sharedSecret), name).toBe(false);
    }
    const infraFilesText = readdirSync(new URL('infra/', root), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
      .map((entry) => [entry.name, readFileSync(join(entry.parentPath, entry.name), 'utf8')] as const);
    for (const [file, text] of infraFilesText) {
      expect(text.includes(sharedSecret), file).toBe(false);
    }
  });
});

describe('the generated files', () => {
  const generated = infraFiles(kinds);

  it('are what `pnpm infra` builds from the kind folders (run it after adding or changing a kind)', () => {
    for (const [path, text] of generated) {
      expect(exists(path), `${path} is missing: run pnpm infra`).toBe(true);
      expect(read(path) === text, `${path} is stale: run pnpm infra`).toBe(true);
    }
  });

  it('include no manifest of a kind folder that is gone', () => {
    for (const file of readdirSync(new URL('infra/k8s/', root)).filter((f) => f.endsWith('.yaml'))) {
      const path = `infra/k8s/${file}`;
      if (isGenerated(read(path))) {
        expect(generated.has(path), `${path} names no kind folder: run pnpm infra`).toBe(true);
      }
    }
  });

  it('are the only infra files naming a kind', () => {
    const handWritten = [
      'infra/Dockerfile',
      ...readdirSync(new URL('infra/k8s/', root))
        .map((file) => `infra/k8s/${file}`)
        .filter((path) => !generated.has(path)),
    ];
    for (const path of handWritten) {
      const text = read(path);
      for (const kind of kinds) {
        const names = kindNames(kind.name);
        for (const name of [names.subgraph, names.kind, names.database]) {
          expect(new RegExp(`\\b${name}\\b`).test(text), `${path} names ${name}`).toBe(false);
        }
      }
    }
  });
});

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  secrets?: (string | { source: string; target?: string })[];
  networks?: string[];
}

/** What Compose makes of `${VARIABLE:-default}` with nothing set: the default. */
const composeDefaults = (text: string) => text.replaceAll(/\$\{\w+:-([^}]*)\}/g, '$1');

describe('infra/compose.yaml', () => {
  const compose = parse(read('infra/compose.yaml')) as {
    services: Record<string, ComposeService>;
    secrets?: Record<string, { file?: string }>;
    networks?: Record<string, { internal?: boolean } | null>;
  };
  const isInfrastructure = (service: ComposeService) => /^(postgres|nats|redis):/.test(service.image ?? '');
  const infrastructure = Object.entries(compose.services).filter(([, s]) => isInfrastructure(s));
  const hub = Object.entries(compose.services).filter(([, s]) => !isInfrastructure(s));
  const databaseServers = infrastructure.filter(([, s]) => s.image?.startsWith('postgres:'));
  /** The subgraph's database server: the Compose service its DATABASE_URL names. */
  const serverOf = (name: string) => {
    const host = new URL(composeDefaults(compose.services[name]?.environment?.DATABASE_URL ?? '')).hostname;
    return [host, compose.services[host]] as const;
  };

  it('runs a PostgreSQL 15 server per subgraph, NATS with the JetStream configuration, Redis, and every deployable — nothing else', () => {
    expect(
      infrastructure
        .map(([, s]) => s.image?.split(':')[0])
        .filter((image) => image !== 'postgres')
        .sort(),
    ).toEqual(['nats', 'redis']);
    expect(databaseServers).toHaveLength(serviceNames.length);
    for (const [name, server] of databaseServers) {
      expect(server.image, name).toMatch(/^postgres:15\b/);
    }
    expect(compose.services.nats?.volumes?.some((v) => v.startsWith('./nats/jetstream.conf:'))).toBe(true);
    expect(hub.map(([name]) => name).sort()).toEqual([...deployables].sort());
  });

  it('builds each deployable from infra/Dockerfile with the repository as context and runs its own entry point', () => {
    for (const [name, service] of hub) {
      expect(service.build, name).toEqual({ context: '..', dockerfile: 'infra/Dockerfile' });
      expect(service.command, name).toEqual(command(name));
    }
  });

  it('sets only variables the process reads, on the container port, listening beyond localhost', () => {
    for (const [name, service] of hub) {
      const environment = service.environment ?? {};
      const allowed = readable(name);
      for (const variable of Object.keys(environment)) {
        expect(allowed.has(variable), `${name} sets ${variable}, which its code does not read`).toBe(true);
      }
      expect(Number(environment.PORT), name).toBe(containerPort);
      expect(environment.HOST, name).toBe('0.0.0.0');
    }
  });

  it('gives each subgraph a database server of its own: its own volume, role, password and a network no other process joins', () => {
    const subgraphsOf = hub.filter(([n]) => n !== 'gateway');
    for (const [name, service] of subgraphsOf) {
      const [host, server] = serverOf(name);
      const environment = server?.environment ?? {};
      expect(server?.image, `${name}: its DATABASE_URL names no PostgreSQL service`).toMatch(/^postgres:15\b/);
      const database = databaseNames.get(name);
      // The very password variable its server is started with, the role and database it creates.
      expect(service.environment?.DATABASE_URL, name).toBe(
        `postgres://${environment.POSTGRES_USER}:${environment.POSTGRES_PASSWORD}@${host}:5432/${environment.POSTGRES_DB}`,
      );
      expect(environment.POSTGRES_DB, name).toBe(database);
      expect(server?.healthcheck?.test, name).toEqual(['CMD', 'pg_isready', '-U', environment.POSTGRES_USER, '-d', database]);
      expect(Object.keys(service.depends_on ?? {}), name).toContain(host);
      // Its data network: internal, and shared by the server and this subgraph alone.
      expect(server?.networks?.length, host).toBe(1);
      const network = server?.networks?.[0] ?? '';
      expect(compose.networks?.[network]?.internal, network).toBe(true);
      const members = Object.entries(compose.services).filter(([, s]) => s.networks?.includes(network));
      expect(members.map(([member]) => member).sort(), network).toEqual([host, name].sort());
    }
    const servers = subgraphsOf.map(([name]) => serverOf(name));
    const credentials = servers.map(([, server]) => server?.environment ?? {});
    expect(repeated(servers.map(([host]) => host)), 'database servers shared').toEqual([]);
    expect(repeated(credentials.map((c) => c.POSTGRES_USER ?? '')), 'roles shared').toEqual([]);
    expect(repeated(credentials.map((c) => c.POSTGRES_PASSWORD ?? '')), 'password variables shared').toEqual([]);
    expect(repeated(credentials.map((c) => composeDefaults(c.POSTGRES_PASSWORD ?? ''))), 'default passwords shared').toEqual([]);
    expect(repeated(servers.flatMap(([, server]) => server?.volumes ?? []).map((v) => v.split(':')[0] ?? '')), 'volumes shared').toEqual(
      [],
    );
  });

  it('gives every signer its own key file as its own secret, HUB_SIGNING_KEYS naming it; the alliance and the gateway none of another’s', () => {
    const mounted = new Map<string, string[]>();
    for (const [name, service] of hub) {
      const secrets = (service.secrets ?? []).map((secret) => (typeof secret === 'string' ? { source: secret } : secret));
      mounted.set(
        name,
        secrets.map((secret) => secret.source),
      );
      if (!signers(kinds).includes(name)) {
        expect(secrets, `${name} signs nothing and holds no keys`).toEqual([]);
        expect(service.environment?.HUB_SIGNING_KEYS, name).toBeUndefined();
        continue;
      }
      expect(secrets, name).toHaveLength(1);
      const [secret] = secrets;
      expect(secret?.target, `${name}: HUB_SIGNING_KEYS is where its secret is mounted`).toBe(service.environment?.HUB_SIGNING_KEYS);
      const file = compose.secrets?.[secret?.source ?? '']?.file;
      expect(file, name).toBe(`./keys/${name}.jwks.json`);
      expect(ignoredByGit(`infra/keys/${name}.jwks.json`), `infra/keys/${name}.jwks.json must be git-ignored`).toBe(true);
    }
    const sources = [...mounted.values()].flat();
    expect(repeated(sources), 'a key secret mounted by two services').toEqual([]);
    expect(repeated(Object.values(compose.secrets ?? {}).map((s) => s.file ?? '')), 'a key file behind two secrets').toEqual([]);
    expect(sources.sort()).toEqual(Object.keys(compose.secrets ?? {}).sort());
  });

  it('sends partners’ events over JetStream (the nats service, once healthy) and shares the gateway’s rate limits through Redis', () => {
    for (const [name, service] of hub.filter(([n]) => n !== 'gateway')) {
      expect(service.environment?.HUB_EVENT_TRANSPORT, name).toBe('jetstream');
      expect(service.environment?.HUB_NATS_URL, name).toBe('nats://nats:4222');
      expect(service.depends_on?.nats, name).toEqual({ condition: 'service_healthy' });
    }
    expect(compose.services.gateway?.environment?.HUB_REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.gateway?.depends_on?.redis).toEqual({ condition: 'service_healthy' });
  });

  it('tells every subgraph the gateway’s JWKS URL, the alliance where each kind publishes its keys, partners the alliance’s address', () => {
    const gatewayPort = compose.services.gateway?.environment?.PORT;
    for (const [name, service] of hub.filter(([n]) => n !== 'gateway')) {
      expect(service.environment?.HUB_GATEWAY_KEYS_URL, name).toBe(jwksUrl('gateway', gatewayPort));
      if (isPartner(name)) {
        expect(service.environment?.ALLIANCE_INTERNAL_URL, name).toBe(`http://alliance:${containerPort}`);
      }
    }
    const template = compose.services.alliance?.environment?.HUB_KIND_KEYS_URL_TEMPLATE ?? '';
    for (const kind of kinds) {
      expect(template.replaceAll('{name}', kind.name), kind.name).toBe(jwksUrl(kind.name, compose.services[kind.name]?.environment?.PORT));
    }
  });

  it('points the gateway at every subgraph of the supergraph by service name and port', () => {
    const targets = gatewayTargets(compose.services.gateway?.environment?.HUB_SUBGRAPH_URL_TEMPLATE);
    expect(Object.keys(targets).sort()).toEqual([...serviceNames].sort());
    for (const [subgraph, url] of Object.entries(targets)) {
      expect(url, subgraph).toBe(`http://${subgraph}:${compose.services[subgraph]?.environment?.PORT}/graphql`);
    }
    expect(Object.keys(compose.services.gateway?.depends_on ?? {}).sort()).toEqual([...serviceNames, 'redis'].sort());
  });

  it('checks readiness of each process on its own port: a subgraph’s database, the gateway’s life', () => {
    for (const [name, service] of hub) {
      expect(service.healthcheck?.test.join(' '), name).toContain(`http://127.0.0.1:${containerPort}${healthOf(name).ready}'`);
    }
  });
});

interface K8sObject {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: any;
}

describe('infra/k8s', () => {
  const files = readdirSync(new URL('infra/k8s/', root)).filter((f) => f.endsWith('.yaml'));
  const kustomization = parse(read('infra/k8s/kustomization.yaml')) as { resources: string[] };
  const objects: K8sObject[] = kustomization.resources.flatMap((file) =>
    parseAllDocuments(read(`infra/k8s/${file}`)).map((doc) => doc.toJS() as K8sObject),
  );
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const configMap = ofKind('ConfigMap')[0]?.data ?? {};
  const secrets = new Map(ofKind('Secret').map((o) => [o.metadata.name, o.stringData ?? {}]));
  const deploymentOf = (name: string) => ofKind('Deployment').find((o) => o.metadata.name === name);
  type EnvVar = { name: string; value?: string; valueFrom?: any };
  const envOf = (name: string): EnvVar[] => deploymentOf(name)?.spec.template.spec.containers[0].env ?? [];
  /** A container's environment as its process sees it: every value resolved from the ConfigMap and Secrets. */
  const resolvedEnv = (name: string): Record<string, string | undefined> =>
    Object.fromEntries(
      envOf(name).map((v) => {
        const fromConfig = v.valueFrom?.configMapKeyRef?.key;
        const fromSecret = v.valueFrom?.secretKeyRef;
        return [v.name, fromConfig ? configMap[fromConfig] : fromSecret ? secrets.get(fromSecret.name)?.[fromSecret.key] : v.value];
      }),
    );

  it('lists every manifest in kustomization.yaml', () => {
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml').sort());
  });

  it('has one Deployment and one Service per deployable, and no others', () => {
    expect(
      ofKind('Deployment')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual([...deployables].sort());
    expect(
      ofKind('Service')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual([...deployables].sort());
  });

  for (const name of deployables) {
    describe(name, () => {
      const deployment = ofKind('Deployment').find((o) => o.metadata.name === name);
      const service = ofKind('Service').find((o) => o.metadata.name === name);
      const container = deployment?.spec.template.spec.containers[0];
      const env: { name: string; value?: string; valueFrom?: any }[] = container?.env ?? [];

      it('runs its own entry point from the hub image', () => {
        expect(container.image).toBe('party-alliance-hub');
        expect(container.command).toEqual(command(name));
        expect(container.envFrom).toBeUndefined();
      });

      it('sets only variables its code reads, from keys that exist', () => {
        const allowed = readable(name);
        for (const variable of env) {
          expect(allowed.has(variable.name), `${name} sets ${variable.name}, which its code does not read`).toBe(true);
          const fromConfig = variable.valueFrom?.configMapKeyRef?.key;
          const fromSecret = variable.valueFrom?.secretKeyRef?.key;
          if (fromConfig) {
            expect(configMap, `${name}: ConfigMap key ${fromConfig}`).toHaveProperty([fromConfig]);
          }
          if (fromSecret) {
            const secretName = variable.valueFrom.secretKeyRef.name;
            expect(secrets.get(secretName), `${name}: Secret ${secretName} key ${fromSecret}`).toHaveProperty([fromSecret]);
          }
        }
        expect(env.find((v) => v.name === 'HOST')?.value).toBe('0.0.0.0');
        if (name !== 'gateway') {
          expect(env.map((v) => v.name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'HUB_GATEWAY_KEYS_URL']));
        }
      });

      it('would start with HUB_ENV=production: every key and URL production demands is set', () => {
        const resolved = resolvedEnv(name);
        expect(resolved.HUB_ENV).toBe('production');
        if (name === 'gateway') {
          expect(() => parseGatewayEnv(resolved)).not.toThrow();
        } else {
          expect(() => parseSubgraphEnv(containerPort, resolved)).not.toThrow();
        }
        // The partner kit's and the alliance's own refusals (packages/partner-kit, services/alliance/src/env.ts).
        if (isPartner(name)) {
          expect(resolved.HUB_SIGNING_KEYS, name).toBeTruthy();
        }
        if (name === 'alliance') {
          expect(resolved.HUB_KIND_KEYS_URL_TEMPLATE).toMatch(/\{name\}/);
        }
      });

      it('reads credentials from its own Secret only, and its keys (if it signs) from a Secret of its own, mounted read-only', () => {
        const secretRefs = env.flatMap((v) => (v.valueFrom?.secretKeyRef ? [v.valueFrom.secretKeyRef.name as string] : []));
        expect(new Set(secretRefs), name).toEqual(new Set([`${name}-secrets`]));
        const pod = deployment?.spec.template.spec;
        const secretVolumes: { name: string; secret: { secretName: string; defaultMode?: number } }[] = (pod?.volumes ?? []).filter(
          (v: { secret?: unknown }) => v.secret,
        );
        const keyFile = env.find((v) => v.name === 'HUB_SIGNING_KEYS')?.value;
        if (!signers(kinds).includes(name)) {
          expect(secretVolumes, `${name} signs nothing and mounts no keys`).toEqual([]);
          expect(keyFile, name).toBeUndefined();
          return;
        }
        expect(secretVolumes, name).toHaveLength(1);
        const [volume] = secretVolumes;
        expect(volume?.secret.secretName, name).toBe(`${name}-keys`);
        const mounts: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[] = container.volumeMounts ?? [];
        const mount = mounts.find((m) => m.name === volume?.name);
        expect(mount?.readOnly, `${name}: keys mounted read-only`).toBe(true);
        // Not a subPath: a Secret's update (a rotation) reaches a volume mounted whole, never a subPath.
        expect(mount?.subPath, name).toBeUndefined();
        expect(keyFile, `${name}: HUB_SIGNING_KEYS is a file of its mounted key Secret`).toBe(`${mount?.mountPath}/${name}.jwks.json`);
        // Readable by the container's user through the pod's fsGroup (0440), by no one else.
        expect(volume?.secret.defaultMode, name).toBe(0o440);
        expect(pod?.securityContext?.fsGroup, name).toBe(container.securityContext.runAsUser);
      });

      it('listens on the container port, which its Service exposes', () => {
        const port = containerPort;
        expect(env.find((v) => v.name === 'PORT')?.value).toBe(String(port));
        expect(container.ports).toEqual([{ name: 'http', containerPort: port }]);
        expect(service?.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http' }]);
        expect(service?.spec.selector).toEqual(deployment?.spec.selector.matchLabels);
      });

      it('is started and live while /health/live answers, ready while its readiness does', () => {
        const paths = healthOf(name);
        expect(container.startupProbe?.httpGet).toEqual({ path: paths.live, port: 'http' });
        expect(container.livenessProbe?.httpGet).toEqual({ path: paths.live, port: 'http' });
        expect(container.readinessProbe?.httpGet).toEqual({ path: paths.ready, port: 'http' });
      });
    });
  }

  it('wires URLs to Services: the subgraphs, the gateway’s JWKS, each kind’s JWKS, the alliance', () => {
    const servicePort = (name: string) => ofKind('Service').find((o) => o.metadata.name === name)?.spec.ports[0].port;
    const targets = gatewayTargets(configMap.HUB_SUBGRAPH_URL_TEMPLATE);
    expect(Object.keys(targets).sort()).toEqual([...serviceNames].sort());
    for (const [subgraph, url] of Object.entries(targets)) {
      expect(url, subgraph).toBe(`http://${subgraph}:${servicePort(subgraph)}/graphql`);
    }
    expect(configMap.ALLIANCE_INTERNAL_URL).toBe(`http://alliance:${containerPort}`);
    for (const name of serviceNames) {
      expect(resolvedEnv(name).HUB_GATEWAY_KEYS_URL, name).toBe(jwksUrl('gateway', servicePort('gateway')));
    }
    const template = resolvedEnv('alliance').HUB_KIND_KEYS_URL_TEMPLATE ?? '';
    for (const kind of kinds) {
      expect(template.replaceAll('{name}', kind.name), kind.name).toBe(jwksUrl(kind.name, servicePort(kind.name)));
    }
  });

  it('gives each subgraph its own database with credentials of its own (server, role, password)', () => {
    const urls = serviceNames.map((name) => new URL(resolvedEnv(name).DATABASE_URL ?? ''));
    for (const [index, name] of serviceNames.entries()) {
      expect(urls[index]?.pathname, name).toBe(`/${databaseNames.get(name)}`);
    }
    expect(repeated(urls.map((url) => url.host)), 'database servers shared').toEqual([]);
    expect(repeated(urls.map((url) => url.username)), 'roles shared').toEqual([]);
    expect(repeated(urls.map((url) => url.password)), 'passwords shared').toEqual([]);
  });

  it('holds no key: every key Secret is created by its organization, none is in the manifests', () => {
    const mountedKeySecrets = ofKind('Deployment').flatMap((o) =>
      (o.spec.template.spec.volumes ?? []).flatMap((v: { secret?: { secretName: string } }) => (v.secret ? [v.secret.secretName] : [])),
    );
    expect(mountedKeySecrets.sort()).toEqual(
      signers(kinds)
        .map((name) => `${name}-keys`)
        .sort(),
    );
    for (const name of mountedKeySecrets) {
      expect(secrets.has(name), `${name} must not be in the repository`).toBe(false);
    }
    for (const values of secrets.values()) {
      expect(Object.values(values).some((value) => value.includes('"keys"') || value.includes('"d"'))).toBe(false);
    }
  });

  it('keeps demo sign-in off', () => {
    expect(configMap.HUB_DEMO_LOGIN).toBe('0');
  });
});

describe('infra/Dockerfile', () => {
  const dockerfile = read('infra/Dockerfile');

  it('builds on Node 24 with pnpm 12 from the lockfile', () => {
    expect(dockerfile).toMatch(/^FROM node:24\b/m);
    expect(dockerfile).toMatch(/npm install --global [^\n]*pnpm@12\b/);
    expect(dockerfile).toMatch(/pnpm install --offline --frozen-lockfile/);
  });

  it('compiles in a build stage and runs only the compiled output, without the TypeScript loader', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/^RUN pnpm build$/m);
    const runtime = stages.at(-1) ?? '';
    expect(runtime).toMatch(/^COPY --from=build /m);
    expect(runtime).not.toMatch(/tsx|pnpm|\.ts\b/);
  });

  it('starts the gateway by default and exposes the container port', () => {
    const cmd = JSON.parse(dockerfile.match(/^CMD (\[.*\])$/m)?.[1] ?? '[]') as string[];
    expect(cmd).toEqual(command('gateway'));
    const exposed = (dockerfile.match(/^EXPOSE (.*)$/m)?.[1] ?? '').split(/\s+/).map(Number);
    expect(exposed).toEqual([containerPort]);
  });

  it('keeps local state out of the build context', () => {
    const ignored = read('infra/Dockerfile.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.data', '.git']));
  });

  it('never bakes keys into the image: key files stay out of the context and nothing names one', () => {
    const ignored = read('infra/Dockerfile.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['infra/keys', '**/*.jwks.json', '.data']));
    expect(dockerfile).not.toMatch(/jwks|HUB_SIGNING_KEYS|infra\/keys/);
  });
});

describe('infra/nats/jetstream.conf', () => {
  const config = read('infra/nats/jetstream.conf');

  it('enables JetStream with a store on the volume compose mounts', () => {
    expect(config).toMatch(/^jetstream\s*\{[^}]*store_dir:\s*"\/data\/jetstream"/m);
    expect(config).toMatch(/^http_port:\s*8222$/m);
  });

  // NATS runs on every development and CI machine (Debian's package puts it in /usr/sbin).
  const natsServer = existsSync('/usr/sbin/nats-server') ? '/usr/sbin/nats-server' : 'nats-server';
  it('is accepted by nats-server -t', () => {
    const check = spawnSync(natsServer, ['-t', '-c', new URL('infra/nats/jetstream.conf', root).pathname], { encoding: 'utf8' });
    expect(check.status, `${check.error ?? ''}${check.stderr}${check.stdout}`).toBe(0);
  });
});
