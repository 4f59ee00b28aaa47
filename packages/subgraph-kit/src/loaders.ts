import type { EntityManager, EntityName, MikroORM } from '@mikro-orm/postgresql';
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

/**
 * A per-request loader of rows by primary key `id`: one `select … where id in (…)` per batch, plain
 * rows (`findRows`). Resolves `null` for ids that do not exist (or are filtered out by `where`).
 */
export function loaderById<Row extends { id: string }>(
  em: EntityManager,
  entity: EntityName<Row>,
  where: Record<string, unknown> = {},
): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = await findRows(em, entity, { id: { $in: [...ids] }, ...where });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of the rows that share a foreign key (`branchId`, `commitmentId`, …):
 * one `select … where fk in (…) order by …` per batch, plain rows (`findRows`); an empty array
 * for keys with no rows.
 */
export function loaderByGroup<Row extends object>(
  em: EntityManager,
  entity: EntityName<Row>,
  key: keyof Row & string,
  orderBy: Record<string, 'asc' | 'desc'> = {},
): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const rows = await findRows(em, entity, { [key]: { $in: [...keys] } }, { orderBy });
    const groups = new Map<string, Row[]>(keys.map((k) => [k, []]));
    for (const row of rows) {
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
