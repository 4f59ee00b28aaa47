import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKeyRing } from '@hub/contracts';
import { portAnswers, processAlive, repoRoot, subgraphServices } from '@hub/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { demo, eventually, gql } from './support/hub.ts';

const port = 4180;
const postgresPort = 14180;
const scratch = mkdtempSync(join(tmpdir(), 'hub-start-'));
chmodSync(scratch, 0o755); // PostgreSQL runs as its own user and must reach its data folder
const dataDir = join(scratch, 'pg');
// The web app is built into a folder of this file's own: the first start must build it.
const webDist = join(scratch, 'web');
const ports = [port, ...subgraphServices.map((s) => port + s.offset), postgresPort];
const partners = subgraphServices.map((s) => s.name).filter((name) => name !== 'alliance');
const running: ChildProcess[] = [];

interface Run {
  readonly child: ChildProcess;
  readonly seconds: number;
  output(): string;
  readonly exited: Promise<number | null>;
}

/**
 * Runs the README's start command (`pnpm start` = scripts/start.ts) on the embedded default, as
 * a terminal would: the leader of a process group of its own, which Ctrl-C signals as a whole.
 */
async function start(extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HUB_DATA_DIR: dataDir,
    HUB_PG_PORT: String(postgresPort),
    HUB_WEB_DIST: webDist,
    ...extraEnv,
  };
  delete env.DATABASE_URL; // this file is about the embedded default
  delete env.NODE_ENV; // vitest's `test`; an operator's shell has none
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const up = await eventually(
    async () => /hub is up \(([\d.]+) s\)/.exec(output) ?? (child.exitCode !== null ? Promise.reject(new Error(output)) : null),
    240_000,
    200,
  );
  return { child, seconds: Number(up[1]), output: () => output, exited };
}

/** Ctrl-C in the terminal: SIGINT to every process of the foreground group. */
function ctrlC(run: Run): void {
  process.kill(-(run.child.pid as number), 'SIGINT');
}

async function anyPortOpen(): Promise<boolean> {
  return (await Promise.all(ports.map(portAnswers))).some(Boolean);
}

/** The embedded postmaster's process id, from its data folder. */
function postmasterPid(): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/**
 * Stops a run with `send` and checks the shutdown: exit code 0; the gateway stopped first, then
 * the partner subgraphs, then the alliance, then PostgreSQL, each cleanly; no error logged on
 * the way (a relay or listener losing its peer); no port open and no postmaster left.
 */
async function stopAndCheck(run: Run, send: (run: Run) => void | Promise<void>): Promise<string[]> {
  const postmaster = postmasterPid();
  expect(processAlive(postmaster)).toBe(true);
  const before = run.output().length;
  await send(run);
  expect(await run.exited).toBe(0);
  const lines = run.output().slice(before).split('\n').filter(Boolean);
  const stopped = lines.filter((line) => /stopped/.test(line));
  expect(stopped).toEqual([
    '[gateway] stopped',
    ...partners.map(() => expect.stringMatching(new RegExp(`^\\[(${partners.join('|')})\\] stopped$`))),
    '[alliance] stopped',
    'postgres stopped',
    'stopped',
  ]);
  expect(new Set(stopped.slice(1, 1 + partners.length)).size).toBe(partners.length);
  expect(lines.filter((line) => /error|fail|refused|ECONN|terminat|unhandled/i.test(line))).toEqual([]);
  expect(await anyPortOpen()).toBe(false);
  expect(processAlive(postmaster)).toBe(false);
  return lines;
}

async function introspect(): Promise<{ allowed: boolean; errors: unknown }> {
  const response = await gql(`http://127.0.0.1:${port}/graphql`, '{ __schema { queryType { name } } }');
  return { allowed: response.data?.__schema?.queryType?.name === 'Query', errors: response.errors };
}

async function sandboxPage(): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
  const body = await response.text();
  return response.ok && /sandbox/i.test(body);
}

const listQuery = 'query($id: ID!) { alliance(id: $id) { coBuildingList(first: 100) { totalCount edges { node { __typename } } } } }';

afterAll(async () => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('the start command (embedded PostgreSQL)', { timeout: 300_000 }, () => {
  it('starts the whole hub from nothing, building the web app, in development mode; Ctrl-C stops it in order', async () => {
    expect(existsSync(join(webDist, 'index.html'))).toBe(false);
    const cold = await start();
    expect(existsSync(join(webDist, 'index.html'))).toBe(true);
    expect(cold.output()).toContain('in development mode');
    const response = await gql(`http://127.0.0.1:${port}/graphql`, listQuery, { id: demo.alliances.highway });
    expect(response.errors).toBeUndefined();
    expect(new Set(response.data.alliance.coBuildingList.edges.map((e: any) => e.node.__typename)).size).toBe(4);
    // The build ran in this very process before the services started: they are in development all the same.
    expect(await introspect()).toMatchObject({ allowed: true });
    expect(await sandboxPage()).toBe(true);
    await stopAndCheck(cold, ctrlC);
    console.log(`pnpm start, cold: ${cold.seconds} s`);
  });

  it('starts again on the same data, without building, in the same mode; SIGTERM to the launcher alone stops it in order', async () => {
    const built = statSync(join(webDist, 'index.html')).mtimeMs;
    const warm = await start();
    expect(statSync(join(webDist, 'index.html')).mtimeMs).toBe(built);
    const response = await gql(`http://127.0.0.1:${port}/graphql`, listQuery, { id: demo.alliances.highway });
    expect(response.data.alliance.coBuildingList.totalCount).toBe(17);
    expect(await introspect()).toMatchObject({ allowed: true });
    expect(await sandboxPage()).toBe(true);
    await stopAndCheck(warm, (run) => {
      run.child.kill('SIGTERM');
    });
    console.log(`pnpm start, warm: ${warm.seconds} s`);
  });

  it('a second Ctrl-C during the shutdown does not break its order', async () => {
    const run = await start();
    const lines = await stopAndCheck(run, async (r) => {
      ctrlC(r);
      await eventually(async () => r.output().includes('stopping…'), 10_000);
      ctrlC(r);
    });
    expect(lines).toContain('still stopping, in order…');
  });

  it('with HUB_ENV=production, introspection and the Sandbox are off', async () => {
    // Production brings its own keys: one file per signing service, made beforehand.
    const keysDir = join(scratch, 'keys');
    for (const name of ['gateway', ...partners]) {
      await openKeyRing(join(keysDir, `${name}.jwks.json`), { create: true });
    }
    const run = await start({
      HUB_ENV: 'production',
      HUB_KEYS_DIR: keysDir,
      HUB_JWT_SECRET: 'start-e2e-jwt-secret-0123456789abcdef012345',
      HUB_DEMO_LOGIN: '0',
    });
    expect(run.output()).toContain('in production mode');
    const response = await gql(`http://127.0.0.1:${port}/graphql`, listQuery, { id: demo.alliances.highway });
    expect(response.data.alliance.coBuildingList.totalCount).toBe(17);
    const introspection = await introspect();
    expect(introspection.allowed).toBe(false);
    expect(JSON.stringify(introspection.errors)).toMatch(/introspection/i);
    expect(await sandboxPage()).toBe(false);
    await stopAndCheck(run, ctrlC);
  });

  it('recovers when the previous run was killed outright, leaving PostgreSQL behind', async () => {
    const first = await start();
    first.child.kill('SIGKILL');
    await first.exited;
    // The services notice their launcher is gone and stop; PostgreSQL stays, as after a crash.
    await eventually(async () => !(await Promise.all(ports.slice(0, -1).map(portAnswers))).some(Boolean), 15_000);
    expect(await portAnswers(postgresPort)).toBe(true);
    const again = await start();
    const response = await gql(`http://127.0.0.1:${port}/graphql`, listQuery, { id: demo.alliances.highway });
    expect(response.data.alliance.coBuildingList.totalCount).toBe(17);
    await stopAndCheck(again, ctrlC);
  });
});
