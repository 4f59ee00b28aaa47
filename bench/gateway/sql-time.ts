import { startEmbeddedPostgres } from '@hub/testkit';
import pg from 'pg';
import { withClient } from '../../test/support/bulk.ts';

/**
 * PostgreSQL's own time for the SQL of one request, from pg_stat_statements: planning plus
 * execution of every statement run in the stack's databases between `reset()` and `read()`.
 * Server time only: the round trips between a subgraph and PostgreSQL and the driver's and ORM's
 * work are not in it (they are in the subgraphs' time). The outbox relays' polling (their
 * advisory lock and outbox reads) is left out; BEGIN/COMMIT and other utility statements are
 * not tracked (`pg_stat_statements.track_utility = off`; the list's reads run none).
 */
export interface SqlTime {
  reset(): Promise<void>;
  read(): Promise<{ ms: number; statements: number }>;
  close(): Promise<void>;
}

const library = 'pg_stat_statements';

async function preloaded(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ shared_preload_libraries: string }>('show shared_preload_libraries');
  return (rows[0]?.shared_preload_libraries ?? '').split(',').some((name) => name.trim() === library);
}

/**
 * Makes embedded PostgreSQL in `dataDir` load pg_stat_statements from its next start (it has to
 * be loaded when the server starts): starts it, sets `shared_preload_libraries` with ALTER SYSTEM
 * when it is not there yet, stops it. The setting stays in that (benchmark-only) cluster.
 */
export async function preloadStatementStats(dataDir: string, port: number): Promise<void> {
  const server = await startEmbeddedPostgres({ dataDir, port });
  try {
    await withClient(server.url, async (client) => {
      if (!(await preloaded(client))) {
        await client.query(`alter system set shared_preload_libraries = '${library}'`);
      }
    });
  } finally {
    await server.stop();
  }
}

/**
 * Opens the statement statistics of `databases` on the server. With `configure` (a server of the
 * benchmark's own) turns on planning time and off utility statements for the whole server
 * (ALTER SYSTEM, reloaded); a shared server is left as it is. Returns why not when the server has
 * not loaded pg_stat_statements.
 */
export async function openSqlTime(serverUrl: string, databases: readonly string[], configure: boolean): Promise<SqlTime | string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    if (!(await preloaded(client))) {
      await client.end();
      return `the PostgreSQL server does not load ${library} (shared_preload_libraries)`;
    }
    await client.query(`create extension if not exists ${library}`);
    if (configure) {
      await client.query(`alter system set ${library}.track_planning = on`);
      await client.query(`alter system set ${library}.track_utility = off`);
      await client.query('select pg_reload_conf()');
    }
    const { rows } = await client.query<{ oid: number }>('select oid from pg_database where datname = any($1)', [databases]);
    const oids = rows.map((row) => row.oid);
    return {
      async reset() {
        await client.query(`select ${library}_reset()`);
      },
      async read() {
        const result = await client.query<{ ms: number; statements: string }>(
          `select coalesce(sum(total_exec_time + total_plan_time), 0)::float8 as ms, coalesce(sum(calls), 0) as statements
             from ${library}
            where dbid = any($1) and query !~* 'outbox|pg_try_advisory'`,
          [oids],
        );
        return { ms: Number(result.rows[0]?.ms ?? Number.NaN), statements: Number(result.rows[0]?.statements ?? Number.NaN) };
      },
      close: () => client.end(),
    };
  } catch (error) {
    await client.end();
    throw error;
  }
}
