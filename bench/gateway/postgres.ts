import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { parentPid } from '../process-stats.ts';

async function commandOf(pid: number): Promise<string | null> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => null))?.trim() ?? null;
}

/**
 * The process id of the PostgreSQL server's postmaster, found from the server process of a fresh
 * connection (`pg_backend_pid()`, its parent in /proc). Null when that process is not on this
 * machine (a remote DATABASE_URL): its CPU cannot be read then.
 */
export async function postmasterPid(serverUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const backend = rows[0]?.pid ?? 0;
    if ((await commandOf(backend)) !== 'postgres') {
      return null;
    }
    const parent = await parentPid(backend);
    return parent && (await commandOf(parent)) === 'postgres' ? parent : null;
  } finally {
    await client.end();
  }
}

/**
 * VACUUM ANALYZE in each database, after seeding: the planner then knows the tables' sizes and
 * the index-only scans their visibility, as autovacuum would see to some time after bulk writes.
 */
export async function vacuumAnalyze(databaseUrls: readonly string[]): Promise<void> {
  for (const url of databaseUrls) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('vacuum analyze');
    } finally {
      await client.end();
    }
  }
}
