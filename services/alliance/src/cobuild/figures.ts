import type { PartnerKind } from '@hub/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';

/** One member partner's 三张清单 figures in an alliance. */
export interface PartnerCobuildFigures {
  partnerId: string;
  kind: PartnerKind;
  partnerName: string;
  /** Its needs on the list now (published, not withdrawn). */
  needsPublished: number;
  /** Its needs met: projects closed with it as the needing partner. */
  needsMet: number;
  /** Its resources on the list now. */
  resourcesPublished: number;
  /** Projects closed with it as the giving partner. */
  resourcesGiven: number;
  /** Evaluations it received as the giving partner, and their mean satisfaction (null without any). */
  evaluations: number;
  averageSatisfaction: number | null;
}

/** Every member's figures, by registered name, in one statement. */
export function cobuildFiguresOf(em: EntityManager, allianceId: string): Promise<PartnerCobuildFigures[]> {
  return em.execute<PartnerCobuildFigures[]>(
    `select m.partner_id as "partnerId", m.kind, m.partner_name as "partnerName",
       (select count(*) from need_index n where n.alliance_id = m.alliance_id and n.partner_id = m.partner_id
          and n.status = 'PUBLISHED')::int as "needsPublished",
       (select count(*) from project p where p.alliance_id = m.alliance_id and p.needing_partner_id = m.partner_id
          and p.status = 'CLOSED')::int as "needsMet",
       (select count(*) from resource_index r where r.alliance_id = m.alliance_id and r.partner_id = m.partner_id
          and r.status = 'PUBLISHED')::int as "resourcesPublished",
       g.given as "resourcesGiven", g.evaluations, g.average as "averageSatisfaction"
     from membership m
     cross join lateral (
       select count(*) filter (where p.status = 'CLOSED')::int as given, count(p.satisfaction)::int as evaluations,
         avg(p.satisfaction)::float8 as average
       from project p where p.alliance_id = m.alliance_id and p.giving_partner_id = m.partner_id
     ) g
     where m.alliance_id = ? order by m.partner_name, m.partner_id`,
    [allianceId],
  );
}
