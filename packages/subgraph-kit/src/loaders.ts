import type { EntityData, EntityManager, EntityMetadata, EntityName, EntityProperty, MikroORM } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/**
 * Rows of `entity` matching `where`, read with one statement and returned as plain objects: the
 * entity's property names and the values MikroORM would hydrate, but no entity instances and
 * nothing in the identity map (hydrating and tracking every row is most of a large read's CPU).
 * For reads only: the rows are not managed, so changing one writes nothing.
 */
export function findRows<Row extends object>(
  em: EntityManager,
  entity: EntityName<Row>,
  where: Record<string, unknown>,
  options: { orderBy?: Record<string, string>; limit?: number } = {},
): Promise<Row[]> {
  const query = em
    .createQueryBuilder(entity)
    .select('*')
    .where(where as never);
  if (options.orderBy) {
    query.orderBy(options.orderBy as never);
  }
  if (options.limit !== undefined) {
    query.limit(options.limit);
  }
  return query.execute('all', true) as Promise<Row[]>;
}

/** A loader's statement and the entity it maps rows of, written once per process (see `rowsWhereIn`). */
interface Statement<Row extends object = any> {
  readonly sql: string;
  readonly meta: EntityMetadata<Row>;
}
const statements = new WeakMap<EntityMetadata, Map<string, Statement>>();

function statementFor<Row extends object>(
  em: EntityManager,
  entity: EntityName<Row>,
  key: string,
  orderBy: Record<string, 'asc' | 'desc'>,
): Statement<Row> {
  const meta = em.getMetadata().get(entity);
  const id = `${key}\n${JSON.stringify(orderBy)}`;
  let ofEntity = statements.get(meta);
  if (!ofEntity) {
    ofEntity = new Map();
    statements.set(meta, ofEntity);
  }
  let statement = ofEntity.get(id);
  if (!statement) {
    const quote = (name: string) => em.getPlatform().quoteIdentifier(name);
    const properties: Record<string, EntityProperty | undefined> = meta.properties;
    const column = (property: string) => quote(properties[property]?.fieldNames[0] ?? property);
    const order = Object.entries(orderBy).map(([property, direction]) => `${column(property)} ${direction}`);
    const sql = `select * from ${quote(meta.tableName)} where ${column(key)} in (?)${order.length ? ` order by ${order.join(', ')}` : ''}`;
    statement = { sql, meta };
    ofEntity.set(id, statement);
  }
  return statement;
}

/**
 * The rows of `entity` whose `key` is one of the given values, in `orderBy` order, as plain rows
 * like `findRows` gives: one statement written from the entity's metadata the first time a
 * loader of that shape is made in the process (`select * from <table> where <column> in (…)
 * order by …`, the values inlined by MikroORM as in its own queries), each row mapped by
 * MikroORM's result mapper. Nothing is built per batch, nor per request.
 */
function rowsWhereIn<Row extends object>(
  em: EntityManager,
  entity: EntityName<Row>,
  key: keyof Row & string,
  orderBy: Record<string, 'asc' | 'desc'>,
): (values: readonly string[]) => Promise<Row[]> {
  const { sql, meta } = statementFor(em, entity, key, orderBy);
  const driver = em.getDriver();
  return async (values) => {
    const rows = await em.execute<Record<string, unknown>[]>(sql, [values]);
    return rows.map((row) => driver.mapResult(row as EntityData<Row>, meta) as Row);
  };
}

/**
 * A per-request loader of rows by primary key `id`: one `select … where id in (…)` per batch,
 * plain rows (see `rowsWhereIn`). Resolves `null` for ids that do not exist.
 */
export function loaderById<Row extends { id: string }>(em: EntityManager, entity: EntityName<Row>): DataLoader<string, Row | null> {
  const rowsWithId = rowsWhereIn(em, entity, 'id', {});
  return new DataLoader(async (ids) => {
    const byId = new Map((await rowsWithId(ids)).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of the rows that share a foreign key (`branchId`, `commitmentId`, …):
 * one `select … where fk in (…) order by …` per batch, plain rows (see `rowsWhereIn`); an empty
 * array for keys with no rows.
 */
export function loaderByGroup<Row extends object>(
  em: EntityManager,
  entity: EntityName<Row>,
  key: keyof Row & string,
  orderBy: Record<string, 'asc' | 'desc'> = {},
): DataLoader<string, Row[]> {
  const rowsWithKey = rowsWhereIn(em, entity, key, orderBy);
  return new DataLoader(async (keys) => {
    const groups = new Map<string, Row[]>(keys.map((k) => [k, []]));
    for (const row of await rowsWithKey(keys)) {
      groups.get(row[key] as string)?.push(row);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/**
 * A request's EntityManager (its own fork) and its loaders. Loaders hold plain rows, not managed
 * entities, so every flush of the request (transactions included) clears them: a read after a
 * write in the same request sees the write.
 */
export function forkForRequest<Loaders extends Record<string, DataLoader<any, any>>>(
  orm: MikroORM,
  createLoaders: (em: EntityManager) => Loaders,
): { em: EntityManager; loaders: Loaders } {
  const em = orm.em.fork({ cloneEventManager: true });
  const loaders = createLoaders(em);
  em.getEventManager().registerSubscriber({
    afterFlush() {
      for (const loader of Object.values(loaders)) {
        loader.clearAll();
      }
    },
  });
  return { em, loaders };
}
