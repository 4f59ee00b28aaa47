import { DefaultLogger, type LogContext, type LoggerNamespace, type LoggerOptions } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { type EntityManager, type EntitySchema, MikroORM } from '@mikro-orm/postgresql';

/** Logger label of work that no request caused (outbox relay, event streams). */
export const backgroundLabel = 'background';

/**
 * Counts the SQL statements an ORM sends, apart for requests and for background work
 * (an EntityManager forked with `backgroundFork`); read by `/metrics` and the N+1 tests.
 */
export class StatementCounter {
  total = 0;
  background = 0;
}

class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly counter: StatementCounter,
    private readonly printQueries: boolean,
  ) {
    super(options);
  }
  override isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    return namespace === 'query' || super.isEnabled(namespace, context);
  }
  override logQuery(context: { query: string } & LogContext): void {
    if (context.label === backgroundLabel) {
      this.counter.background += 1;
    } else {
      this.counter.total += 1;
    }
    if (this.printQueries) {
      super.logQuery(context);
    }
  }
}

export interface OrmOptions {
  /** postgres:// URL of this service's own database. */
  readonly databaseUrl: string;
  readonly entities: EntitySchema<any, any>[];
  /** Committed migrations, in order (class per migration). */
  readonly migrations: { name: string; class: new (...args: any[]) => any }[];
  /** Print every SQL statement (HUB_DEBUG_SQL=1). Default false. */
  readonly printQueries?: boolean;
  readonly poolSize?: number;
}

export interface Orm {
  readonly orm: MikroORM;
  readonly statements: StatementCounter;
}

/**
 * Opens the service's database, applies pending migrations and returns the ORM with its
 * statement counter. Request code must fork the EntityManager (`allowGlobalContext` is off).
 * Throws when the database is unreachable or a migration fails.
 */
export async function openOrm(options: OrmOptions): Promise<Orm> {
  const statements = new StatementCounter();
  const orm = await MikroORM.init({
    clientUrl: options.databaseUrl,
    entities: options.entities,
    allowGlobalContext: false,
    extensions: [Migrator],
    migrations: { migrationsList: options.migrations, transactional: true, snapshot: false, silent: true },
    pool: { min: 0, max: options.poolSize ?? 10 },
    loggerFactory: (loggerOptions) => new CountingLogger(loggerOptions, statements, options.printQueries ?? false),
    debug: false,
  });
  await orm.migrator.up();
  return { orm, statements };
}

/** A fork for background work, whose statements are counted apart from requests'. */
export function backgroundFork(orm: MikroORM) {
  return orm.em.fork({ loggerContext: { label: backgroundLabel } });
}

/**
 * Runs `work` in a transaction of a background fork; its statements, BEGIN and COMMIT included,
 * are counted as background work.
 */
export function backgroundTransaction<T>(orm: MikroORM, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return backgroundFork(orm).transactional(work, { loggerContext: { label: backgroundLabel } });
}

/**
 * A raw SQL statement of background work. (MikroORM's `execute` does not carry the fork's logger
 * label, so background code labels its raw statements here.)
 */
export function executeInBackground<T = Record<string, unknown>[]>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T> {
  return em.execute(sql, params, 'all', { label: backgroundLabel }) as Promise<T>;
}
