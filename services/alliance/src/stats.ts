import type { EntityManager } from '@mikro-orm/postgresql';
import { today } from './joint-list.ts';

interface FigureRow {
  key: string;
  total: string;
  completed: string;
  overdue: string;
  average: string | null;
}

function figures(row: FigureRow | undefined) {
  const total = Number(row?.total ?? 0);
  const completed = Number(row?.completed ?? 0);
  return {
    total,
    completed,
    overdue: Number(row?.overdue ?? 0),
    completionRate: total === 0 ? 0 : completed / total,
    averageProgress: row?.average === null || row?.average === undefined ? 0 : Math.round(Number(row.average) * 10) / 10,
  };
}

/** Aggregate columns over commitment_index rows aliased `c`; the one parameter is today's date. */
const aggregates = `count(c.id) as total,
  count(c.id) filter (where c.status = 'COMPLETED') as completed,
  count(c.id) filter (where c.due_date < ? and c.status not in ('COMPLETED', 'WITHDRAWN')) as overdue,
  avg(c.progress) as average`;

/**
 * Completion of an alliance's joint list, overall, by partner (every member, even with no
 * items) and by category; plus the open items with no progress for `staleDays`. Withdrawn
 * items are left out. Four statements, whatever the list's size.
 */
export async function computeStats(em: EntityManager, allianceId: string, staleDays: number) {
  const day = today();
  const since = new Date(Date.now() - staleDays * 86_400_000);
  const [overall, byPartner, byCategory, stale] = await Promise.all([
    em.execute<FigureRow[]>(
      `select 'all' as key, ${aggregates} from commitment_index c where c.alliance_id = ? and c.status <> 'WITHDRAWN'`,
      [day, allianceId],
    ),
    em.execute<(FigureRow & { name: string; kind: string })[]>(
      `select m.partner_id as key, m.partner_name as name, m.kind, ${aggregates}
       from membership m left join commitment_index c on c.partner_id = m.partner_id and c.alliance_id = m.alliance_id and c.status <> 'WITHDRAWN'
       where m.alliance_id = ? group by m.partner_id, m.partner_name, m.kind order by m.partner_name`,
      [day, allianceId],
    ),
    em.execute<FigureRow[]>(
      `select c.category as key, ${aggregates} from commitment_index c where c.alliance_id = ? and c.status <> 'WITHDRAWN'
       group by c.category order by c.category`,
      [day, allianceId],
    ),
    em.execute<{ count: string }[]>(
      `select count(*) as count from commitment_index where alliance_id = ? and status not in ('COMPLETED', 'WITHDRAWN')
       and coalesce(last_progress_at, published_at) < ?`,
      [allianceId, since],
    ),
  ]);
  return {
    overall: figures(overall[0]),
    byPartner: byPartner.map((row) => ({ ...figures(row), partnerId: row.key, partnerName: row.name, kind: row.kind })),
    byCategory: byCategory.map((row) => ({ ...figures(row), category: row.key })),
    stale: Number(stale[0]?.count ?? 0),
    staleDays,
  };
}
