import type { EntityManager } from '@mikro-orm/postgresql';
import { today } from '../joint-list.ts';
import type { CompletionPoint } from './types.ts';

/** Most weeks the burn-up returns (the latest); the counts still start from the first item. */
export const maxWeeks = 520;

/**
 * The joint list's burn-up in one statement: per week (Monday to Sunday on the hub's days, Asia/
 * Shanghai) from the week the alliance was founded (else of its first item) to the week of today
 * or of the latest item, whichever is later, the items published by the week's end and those of
 * them completed by then. Withdrawn items are left out, as the statistics leave them out, so the
 * last week's counts are the statistics' total and completed. Every item counts from the first
 * week shown, even one published before it.
 */
export async function completionOverTime(em: EntityManager, allianceId: string): Promise<CompletionPoint[]> {
  const day = today();
  const rows = await em.execute<{ week: string; listed: number; completed: number }[]>(
    `with items as (
       select (coalesce(published_at, updated_at) at time zone 'Asia/Shanghai')::date as listed_on,
              case when status = 'COMPLETED' then (coalesce(completed_at, updated_at) at time zone 'Asia/Shanghai')::date end as completed_on
       from commitment_index where alliance_id = ? and status <> 'WITHDRAWN'
     ),
     span as (
       select date_trunc('week', coalesce(a.founded_on, (select min(listed_on) from items), ?::date)::timestamp)::date as first_week,
              date_trunc('week', greatest(?::date, (select max(listed_on) from items), (select max(completed_on) from items))::timestamp)::date as last_week
       from alliance a where a.id = ?
     ),
     weeks as (
       select last_week - 7 * n as week from span, generate_series(0, least(? - 1, (last_week - first_week) / 7)) as n
     ),
     steps as (
       select listed_on as day, 1 as listed, 0 as completed from items
       union all
       select completed_on, 0, 1 from items where completed_on is not null
     )
     select to_char(w.week, 'YYYY-MM-DD') as week,
            (sum(coalesce(sum(s.listed), 0)) over (order by w.week))::int as listed,
            (sum(coalesce(sum(s.completed), 0)) over (order by w.week))::int as completed
     from weeks w
     left join steps s on greatest(date_trunc('week', s.day::timestamp)::date, (select min(week) from weeks)) = w.week
     group by w.week
     order by w.week`,
    [allianceId, day, day, allianceId, maxWeeks],
  );
  return rows.map((row) => ({ week: row.week, listed: Number(row.listed), completed: Number(row.completed) }));
}
