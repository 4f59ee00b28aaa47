import type { PartnerKind } from '@hub/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Reads of the need and resource index as the API shows them. A need's stage and whether it is
 * in the claim hall are derived in SQL from its claims and project at every read, so they are
 * never out of step with them:
 * - stage: the project's (ACTIVE → IN_PROJECT, DELIVERED, CLOSED) when there is one; else
 *   WITHDRAWN when withdrawn; else CLAIMED with an open claim; else OPEN;
 * - in the claim hall (领办大厅): published at least the alliance's claimHallDays ago, no open
 *   claim and no project (an accepted claim makes one).
 */

export type NeedStage = 'OPEN' | 'CLAIMED' | 'IN_PROJECT' | 'DELIVERED' | 'CLOSED' | 'WITHDRAWN';

/** A need of the index with what the alliance derives for it. */
export interface NeedView {
  id: string;
  allianceId: string;
  partnerId: string;
  kind: PartnerKind;
  title: string;
  category: string;
  status: 'PUBLISHED' | 'WITHDRAWN';
  publishedAt: Date | null;
  wantedBy: string | null;
  hallSince: Date | null;
  stage: NeedStage;
  inClaimHall: boolean;
}

/** A resource of the index as the API resolves it. */
export interface ResourceView {
  id: string;
  allianceId: string;
  partnerId: string;
  kind: PartnerKind;
  title: string;
  status: 'PUBLISHED' | 'WITHDRAWN';
  publishedAt: Date | null;
}

const openClaim = `exists (select 1 from claim c where c.need_id = n.id and c.status = 'PENDING')`;

/** `select` over `need_index n` joined to its alliance `a` and project `p`: the view's columns. */
const needSelect = `
  select n.id, n.alliance_id as "allianceId", n.partner_id as "partnerId", n.kind, n.title, n.category, n.status,
    n.published_at as "publishedAt", to_char(n.wanted_by, 'YYYY-MM-DD') as "wantedBy", n.hall_since as "hallSince",
    case when p.status = 'CLOSED' then 'CLOSED' when p.status = 'DELIVERED' then 'DELIVERED' when p.status = 'ACTIVE' then 'IN_PROJECT'
      when n.status = 'WITHDRAWN' then 'WITHDRAWN' when ${openClaim} then 'CLAIMED' else 'OPEN' end as stage,
    (n.status = 'PUBLISHED' and p.id is null and n.published_at <= now() - make_interval(days => a.claim_hall_days)
      and not ${openClaim}) as "inClaimHall"
  from need_index n join alliance a on a.id = n.alliance_id left join project p on p.need_id = n.id`;

/** Needs by id (one statement), in no particular order. */
export function needsById(em: EntityManager, ids: readonly string[]): Promise<NeedView[]> {
  return em.execute<NeedView[]>(`${needSelect} where n.id in (select value::uuid from json_array_elements_text(?::json))`, [
    JSON.stringify(ids),
  ]);
}

/** An alliance's needs, newest published first, of the given stages (every stage when none). */
export function needsOfAlliance(em: EntityManager, allianceId: string, stages: readonly NeedStage[] | null): Promise<NeedView[]> {
  const stageFilter = stages?.length ? 'where v.stage in (select value from json_array_elements_text(?::json))' : '';
  return em.execute<NeedView[]>(
    `select * from (${needSelect} where n.alliance_id = ?) v ${stageFilter} order by v."publishedAt" desc nulls last, v.id`,
    stages?.length ? [allianceId, JSON.stringify(stages)] : [allianceId],
  );
}

/** The needs of an alliance's claim hall (领办大厅), longest waiting first. */
export function claimHallOf(em: EntityManager, allianceId: string): Promise<NeedView[]> {
  return em.execute<NeedView[]>(
    `select * from (${needSelect} where n.alliance_id = ? and n.status = 'PUBLISHED') v where v."inClaimHall" order by v."publishedAt", v.id`,
    [allianceId],
  );
}

const resourceSelect = `select r.id, r.alliance_id as "allianceId", r.partner_id as "partnerId", r.kind, r.title, r.status,
  r.published_at as "publishedAt" from resource_index r`;

export function resourcesById(em: EntityManager, ids: readonly string[]): Promise<ResourceView[]> {
  return em.execute<ResourceView[]>(`${resourceSelect} where r.id in (select value::uuid from json_array_elements_text(?::json))`, [
    JSON.stringify(ids),
  ]);
}

/** An alliance's published resources (资源清单), newest first. */
export function publishedResourcesOf(em: EntityManager, allianceId: string): Promise<ResourceView[]> {
  return em.execute<ResourceView[]>(
    `${resourceSelect} where r.alliance_id = ? and r.status = 'PUBLISHED' order by r.published_at desc nulls last, r.id`,
    [allianceId],
  );
}
