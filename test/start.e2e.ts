import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portAnswers, repoRoot, subgraphServices } from '@hub/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { demo, eventually, gql } from './support/hub.ts';

const port = 4180;
const postgresPort = 14180;
const scratch = mkdtempSync(join(tmpdir(), 'hub-start-'));
chmodSync(scratch, 0o755); // PostgreSQL runs as its own user and must reach its data folder
const dataDir = join(scratch, 'pg');
const ports = [port, ...subgraphServices.map((s) => port + s.offset), postgresPort];
const running: ChildProcess[] = [];

/** Runs the README's start command (`pnpm start` = scripts/start.ts) on the embedded default. */
async function start(): Promise<{ child: ChildProcess; seconds: number }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HUB_DATA_DIR: dataDir, HUB_PG_PORT: String(postgresPort) };
  delete env.DATABASE_URL; // this file is about the embedded default
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const up = await eventually(
    async () => /hub is up \(([\d.]+) s\)/.exec(output) ?? (child.exitCode !== null ? Promise.reject(new Error(output)) : null),
    150_000,
    200,
  );
  return { child, seconds: Number(up[1]) };
}

async function stopWith(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

async function anyPortOpen(): Promise<boolean> {
  return (await Promise.all(ports.map(portAnswers))).some(Boolean);
}

const listQuery = 'query($id: ID!) { alliance(id: $id) { coBuildingList(first: 100) { totalCount edges { node { __typename } } } } }';

afterAll(async () => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      await stopWith(child, 'SIGINT');
    }
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe('the start command (embedded PostgreSQL)', () => {
  it('starts the whole hub from nothing, answers, and Ctrl-C stops every part, PostgreSQL included', async () => {
    const cold = await start();
    const response = await gql(`http://127.0.0.1:${port}/graphql`, listQuery, { id: demo.alliances.highway });
    expect(response.errors).toBeUndefined();
    expect(new Set(response.data.alliance.coBuildingList.edges.map((e: any) => e.node.__typename)).size).toBe(4);
    await stopWith(cold.child, 'SIGINT');
    await eventually(async () => !(await anyPortOpen()), 15_000);
    console.log(`pnpm start, cold: ${cold.seconds} s`);
  });

  it('starts again on the same data, keeping it', async () => {
    const warm = await start();
    const response = await gql(`http://127.0.0.1:${port}/graphql`, listQuery, { id: demo.alliances.highway });
    expect(response.data.alliance.coBuildingList.totalCount).toBe(17);
    await stopWith(warm.child, 'SIGINT');
    await eventually(async () => !(await anyPortOpen()), 15_000);
    console.log(`pnpm start, warm: ${warm.seconds} s`);
  });

  it('recovers when the previous run was killed outright, leaving PostgreSQL behind', async () => {
    const first = await start();
    await stopWith(first.child, 'SIGKILL');
    // The services notice their launcher is gone and stop; PostgreSQL stays, as after a crash.
    await eventually(async () => !(await Promise.all(ports.slice(0, 6).map(portAnswers))).some(Boolean), 15_000);
    expect(await portAnswers(postgresPort)).toBe(true);
    const again = await start();
    const response = await gql(`http://127.0.0.1:${port}/graphql`, listQuery, { id: demo.alliances.highway });
    expect(response.data.alliance.coBuildingList.totalCount).toBe(17);
    await stopWith(again.child, 'SIGINT');
    await eventually(async () => !(await anyPortOpen()), 15_000);
  });
});
