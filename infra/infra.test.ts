import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindNames } from '@hub/kinds';
import { discoverKinds } from '@hub/kinds/discover';
import { subgraphServices } from '@hub/testkit';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { subgraphUrlsOf } from '../gateway/src/subgraph-urls.ts';
import { defaultSupergraphPath, readSupergraph } from '../gateway/src/supergraph.ts';
import { containerCommand, containerPort, healthPaths, infraFiles, isGenerated } from '../scripts/infra-files.ts';

/**
 * The deployment descriptions cannot run here (no container engine, no cluster), so they are
 * checked against the code instead: the parts that list the subgraphs are what `pnpm infra`
 * builds from the kind folders, every process they start exists and runs its own entry point,
 * every variable they set is one that process reads, every process listens on the one container
 * port, probes ask /health, and the URLs and databases they wire up agree with each other.
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
const subgraphCommon = [...zodKeys('packages/subgraph-kit/src/env.ts'), ...variablesRead('packages/subgraph-kit/src')];
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
const initSqlDatabases = matches(read('infra/postgres/init.sql'), /CREATE DATABASE (\w+);/g);

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
    expect([...readable('gateway')]).toEqual(expect.arrayContaining(['PORT', 'HOST', 'HUB_INTERNAL_SECRET', 'HUB_SUBGRAPH_URL_TEMPLATE']));
    expect([...readable('alliance')]).toEqual(expect.arrayContaining(['PORT', 'HOST', 'DATABASE_URL', 'HUB_INTERNAL_SECRET', 'HUB_SEED']));
    expect(isPartner('alliance')).toBe(false);
    for (const kind of kinds) {
      expect(isPartner(kind.name), kind.name).toBe(true);
      expect([...readable(kind.name)]).toContain('ALLIANCE_INTERNAL_URL');
      expect(databaseNames.get(kind.name)).toBe(kindNames(kind.name).database);
    }
    expect([...databaseNames.keys()].sort()).toEqual([...serviceNames].sort());
    expect([...initSqlDatabases].sort()).toEqual([...databaseNames.values()].sort());
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
}

describe('infra/compose.yaml', () => {
  const compose = parse(read('infra/compose.yaml')) as { services: Record<string, ComposeService> };
  const infrastructure = Object.entries(compose.services).filter(([, s]) => /^(postgres|nats):/.test(s.image ?? ''));
  const hub = Object.entries(compose.services).filter(([, s]) => !/^(postgres|nats):/.test(s.image ?? ''));

  it('runs PostgreSQL 15, NATS with the JetStream configuration, and every deployable — nothing else', () => {
    expect(infrastructure.map(([, s]) => s.image?.split(':')[0]).sort()).toEqual(['nats', 'postgres']);
    expect(compose.services.postgres?.image).toMatch(/^postgres:15\b/);
    expect(compose.services.nats?.volumes?.some((v) => v.startsWith('./nats/jetstream.conf:'))).toBe(true);
    expect(compose.services.postgres?.volumes?.some((v) => v.startsWith('./postgres/init.sql:/docker-entrypoint-initdb.d/'))).toBe(true);
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

  it('gives each subgraph its own database and partners the alliance’s address', () => {
    for (const [name, service] of hub.filter(([n]) => n !== 'gateway')) {
      const url = new URL(service.environment?.DATABASE_URL ?? '');
      expect(url.hostname, name).toBe('postgres');
      expect(url.pathname, name).toBe(`/${databaseNames.get(name)}`);
      if (isPartner(name)) {
        expect(service.environment?.ALLIANCE_INTERNAL_URL, name).toBe(`http://alliance:${containerPort}`);
      }
    }
  });

  it('points the gateway at every subgraph of the supergraph by service name and port', () => {
    const targets = gatewayTargets(compose.services.gateway?.environment?.HUB_SUBGRAPH_URL_TEMPLATE);
    expect(Object.keys(targets).sort()).toEqual([...serviceNames].sort());
    for (const [subgraph, url] of Object.entries(targets)) {
      expect(url, subgraph).toBe(`http://${subgraph}:${compose.services[subgraph]?.environment?.PORT}/graphql`);
    }
    expect(Object.keys(compose.services.gateway?.depends_on ?? {}).sort()).toEqual([...serviceNames].sort());
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
  const secret = ofKind('Secret')[0]?.stringData ?? {};

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
            expect(secret, `${name}: Secret key ${fromSecret}`).toHaveProperty([fromSecret]);
          }
        }
        expect(env.find((v) => v.name === 'HOST')?.value).toBe('0.0.0.0');
        if (name !== 'gateway') {
          expect(env.map((v) => v.name)).toEqual(expect.arrayContaining(['DATABASE_URL', 'HUB_INTERNAL_SECRET']));
        }
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

  it('wires URLs to Services and each subgraph to its own database', () => {
    const targets = gatewayTargets(configMap.HUB_SUBGRAPH_URL_TEMPLATE);
    expect(Object.keys(targets).sort()).toEqual([...serviceNames].sort());
    for (const [subgraph, url] of Object.entries(targets)) {
      const port = ofKind('Service').find((o) => o.metadata.name === subgraph)?.spec.ports[0].port;
      expect(url, subgraph).toBe(`http://${subgraph}:${port}/graphql`);
    }
    expect(configMap.ALLIANCE_INTERNAL_URL).toBe(`http://alliance:${containerPort}`);
    for (const name of serviceNames) {
      const key = ofKind('Deployment')
        .find((o) => o.metadata.name === name)
        ?.spec.template.spec.containers[0].env.find((v: { name: string }) => v.name === 'DATABASE_URL')?.valueFrom.secretKeyRef.key;
      expect(new URL(secret[key] ?? '').pathname, name).toBe(`/${databaseNames.get(name)}`);
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
