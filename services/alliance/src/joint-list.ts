import { CommitmentOrder, CommitmentStatus, hubDay } from '@hub/contracts';
import { assertId, badInput, findRows, isoDate } from '@hub/subgraph-kit';
import { type EntityManager, QueryOrder } from '@mikro-orm/postgresql';
import { CommitmentIndex, type CommitmentIndexRow } from './entities.ts';
import type { CoBuildingListFilter } from './schema/types.ts';

const closed = [CommitmentStatus.COMPLETED, CommitmentStatus.WITHDRAWN];
export const maxPageSize = 1000;

/** Today in the hub's calendar (Asia/Shanghai, as the traffic light counts days), as `YYYY-MM-DD`. */
export function today(): string {
  return hubDay(new Date());
}

interface Cursor {
  due: string | null;
  id: string;
}

function encodeCursor(row: CommitmentIndexRow): string {
  return Buffer.from(JSON.stringify([row.dueDate ?? null, row.id])).toString('base64url');
}

/** A cursor as `encodeCursor` makes it; anything else (a forged date or id included) is BAD_USER_INPUT before it reaches SQL. */
function decodeCursor(cursor: string): Cursor {
  try {
    const [due, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((due === null || typeof due === 'string') && typeof id === 'string') {
      return { due: isoDate(due, 'after'), id: assertId(id, 'after') };
    }
  } catch {
    // fall through to the error below
  }
  throw badInput('after is not a cursor of this list', 'after');
}

/** The conditions of a filter, shared by the page query and the count. */
function filterWhere(allianceId: string, filter: CoBuildingListFilter | null | undefined): Record<string, unknown>[] {
  const where: Record<string, unknown>[] = [{ allianceId }];
  if (filter?.status?.length) {
    where.push({ status: { $in: filter.status } });
  }
  if (filter?.category?.length) {
    where.push({ category: { $in: filter.category } });
  }
  if (filter?.partnerId?.length) {
    where.push({ partnerId: { $in: filter.partnerId.map((id) => assertId(id, 'filter.partnerId')) } });
  }
  if (filter?.partnerKind?.length) {
    where.push({ kind: { $in: filter.partnerKind } });
  }
  if (filter?.overdue === true) {
    where.push({ dueDate: { $lt: today() }, status: { $nin: closed } });
  }
  if (filter?.overdue === false) {
    where.push({ $or: [{ dueDate: null }, { dueDate: { $gte: today() } }, { status: { $in: closed } }] });
  }
  if (filter?.light?.length) {
    where.push({ light: { $in: filter.light } });
  }
  if (filter?.staleDays !== undefined && filter?.staleDays !== null) {
    if (!Number.isInteger(filter.staleDays) || filter.staleDays < 1 || filter.staleDays > 3650) {
      throw badInput('staleDays must be a whole number from 1 to 3650', 'staleDays');
    }
    const since = new Date(Date.now() - filter.staleDays * 86_400_000);
    where.push({
      status: { $nin: closed },
      $or: [{ lastProgressAt: { $lt: since } }, { lastProgressAt: null, publishedAt: { $lt: since } }],
    });
  }
  return where;
}

/** Keyset condition: rows after the cursor in (dueDate, id) order, nulls last. */
function afterWhere(cursor: Cursor, order: CommitmentOrder): Record<string, unknown> {
  if (cursor.due === null) {
    return { dueDate: null, id: { $gt: cursor.id } };
  }
  const beyond = order === CommitmentOrder.DUE_DATE_ASC ? { $gt: cursor.due } : { $lt: cursor.due };
  return { $or: [{ dueDate: beyond }, { dueDate: cursor.due, id: { $gt: cursor.id } }, { dueDate: null }] };
}

/**
 * One page of an alliance's joint list from the index: one statement whatever the page size,
 * plus the count only when `totalCount` is asked for (`count()`). Sorted by due date (items
 * without one last), then id.
 */
export async function findCoBuildingList(
  em: EntityManager,
  allianceId: string,
  options: { filter?: CoBuildingListFilter | null; first: number; after?: string | null; orderBy: CommitmentOrder },
) {
  if (!Number.isInteger(options.first) || options.first < 1 || options.first > maxPageSize) {
    throw badInput(`first must be from 1 to ${maxPageSize}`, 'first');
  }
  const where = filterWhere(allianceId, options.filter);
  const page = options.after ? [...where, afterWhere(decodeCursor(options.after), options.orderBy)] : where;
  const direction = options.orderBy === CommitmentOrder.DUE_DATE_ASC ? QueryOrder.ASC_NULLS_LAST : QueryOrder.DESC_NULLS_LAST;
  // Plain rows: the page is only read, so its up to 1,001 rows are neither hydrated nor tracked.
  const rows = await findRows<CommitmentIndexRow>(
    em,
    CommitmentIndex,
    { $and: page },
    {
      orderBy: { dueDate: direction, id: QueryOrder.ASC },
      limit: options.first + 1,
    },
  );
  const hasNextPage = rows.length > options.first;
  const edges = rows.slice(0, options.first).map((row) => ({ cursor: encodeCursor(row), node: row }));
  return {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    count: () => em.count(CommitmentIndex, { $and: where } as never),
  };
}
