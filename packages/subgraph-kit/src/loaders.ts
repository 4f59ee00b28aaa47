import type { EntityManager, EntityName } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/**
 * A per-request loader of rows by primary key `id`: one `select … where id in (…)` per batch.
 * Resolves `null` for ids that do not exist (or are filtered out by `where`).
 */
export function loaderById<Row extends { id: string }>(
  em: EntityManager,
  entity: EntityName<Row>,
  where: Record<string, unknown> = {},
): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = (await em.find(entity, { id: { $in: [...ids] }, ...where } as never)) as Row[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * A per-request loader of the rows that share a foreign key (`branchId`, `commitmentId`, …):
 * one `select … where fk in (…) order by …` per batch; an empty array for keys with no rows.
 */
export function loaderByGroup<Row extends object>(
  em: EntityManager,
  entity: EntityName<Row>,
  key: keyof Row & string,
  orderBy: Record<string, 'asc' | 'desc'> = {},
): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const rows = (await em.find(entity, { [key]: { $in: [...keys] } } as never, { orderBy } as never)) as Row[];
    const groups = new Map<string, Row[]>(keys.map((k) => [k, []]));
    for (const row of rows) {
      groups.get(row[key] as string)?.push(row);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}
