import { hubDay, type PartnerKind } from '@hub/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';

/**
 * Matching (docs/three-lists.md, "Matching"): for an open need, the published resources of the
 * other member partners of its alliance, ranked by a score out of 100, each with its reasons.
 * Computed on read, inside the alliance's database, on the index only; one statement for any
 * number of needs (a lateral join per need).
 */

/** The weights of the score; they add up to 100. */
export const matchWeights = {
  /** Same co-building measure (六联). */
  sameCategory: 20,
  /** Per tag the need and the resource share (case-insensitive)… */
  sharedTag: 10,
  /** …up to this much. */
  sharedTagsMax: 20,
  /** One place contains the other (case-insensitive): 「宁海」 and 「宁海县桥头胡街道」. */
  samePlace: 10,
  /** The resource is available in time: from before the need's wantedBy, until today or later (a date known on either side). */
  inTime: 10,
  /** Times the share of the kinds of help asked that the resource offers. */
  helpKinds: 25,
  /** Times the share of the amounts asked (kinds the need names an amount for) that the resource's amount covers. */
  enoughAmount: 15,
} as const;

/** Most matches one need lists. */
export const maxMatches = 50;

export type MatchReasonCode = 'SAME_CATEGORY' | 'SHARED_TAGS' | 'SAME_PLACE' | 'IN_TIME' | 'HELP_KIND' | 'ENOUGH_AMOUNT';

export interface MatchReason {
  code: MatchReasonCode;
  detail: string | null;
}

export interface ResourceMatch {
  resource: { id: string; kind: PartnerKind; partnerId: string };
  score: number;
  reasons: MatchReason[];
}

interface SharedHelp {
  kind: string;
  asked: number | null;
  askedUnit: string | null;
  offered: number | null;
  offeredUnit: string | null;
  covered: boolean;
}

interface MatchRow {
  need_id: string;
  resource_id: string;
  kind: PartnerKind;
  partner_id: string;
  category: string;
  place: string | null;
  available_from: string | null;
  available_until: string | null;
  same_category: boolean;
  shared_tags: string[];
  same_place: boolean;
  in_time: boolean;
  shared_help: SharedHelp[];
  covered: number;
  score: number;
}

const w = matchWeights;

/**
 * One statement: for each given need that is open to claims (published, no project), the best
 * `first` resources. A resource is a candidate when it is published by another partner of the
 * need's alliance, still available (`availableUntil` not before today), and has at least one
 * reason (a score above 0).
 */
const matchSql = `
select n.id as need_id, m.*
from need_index n
left join project p on p.need_id = n.id
cross join lateral (
  select s.*, (
      case when s.same_category then ${w.sameCategory} else 0 end
    + least(cardinality(s.shared_tags) * ${w.sharedTag}, ${w.sharedTagsMax})
    + case when s.same_place then ${w.samePlace} else 0 end
    + case when s.in_time then ${w.inTime} else 0 end
    + round(${w.helpKinds} * s.helped::numeric / greatest(s.asked_kinds, 1))
    + case when s.asked_amounts > 0 then round(${w.enoughAmount} * s.covered::numeric / s.asked_amounts) else 0 end
  )::int as score
  from (
    select r.id as resource_id, r.kind, r.partner_id, r.published_at, r.category, r.place,
      to_char(r.available_from, 'YYYY-MM-DD') as available_from, to_char(r.available_until, 'YYYY-MM-DD') as available_until,
      r.category = n.category as same_category,
      array(select t.value from jsonb_array_elements_text(n.tags) with ordinality t(value, i)
            where exists (select 1 from jsonb_array_elements_text(r.tags) u(value) where lower(u.value) = lower(t.value))
            order by t.i) as shared_tags,
      coalesce(strpos(lower(n.place), lower(r.place)) > 0 or strpos(lower(r.place), lower(n.place)) > 0, false) as same_place,
      ((n.wanted_by is not null or r.available_from is not null or r.available_until is not null)
        and (r.available_from is null or n.wanted_by is null or r.available_from <= n.wanted_by)) as in_time,
      jsonb_array_length(n.help) as asked_kinds, h.*
    from resource_index r
    cross join lateral (
      select count(o.value)::int as helped,
        count(*) filter (where nh.value->>'amount' is not null)::int as asked_amounts,
        count(*) filter (where o.covered)::int as covered,
        coalesce(jsonb_agg(jsonb_build_object(
          'kind', nh.value->>'kind', 'asked', nh.value->'amount', 'askedUnit', nh.value->'unit',
          'offered', o.value->'amount', 'offeredUnit', o.value->'unit', 'covered', o.covered) order by nh.i)
          filter (where o.value is not null), '[]'::jsonb) as shared_help
      from jsonb_array_elements(n.help) with ordinality nh(value, i)
      left join lateral (
        select x.value,
          (nh.value->>'amount' is not null and x.value->>'amount' is not null
            and (x.value->>'amount')::float8 >= (nh.value->>'amount')::float8
            and (nullif(trim(nh.value->>'unit'), '') is null or nullif(trim(x.value->>'unit'), '') is null
                 or lower(trim(nh.value->>'unit')) = lower(trim(x.value->>'unit')))) as covered
        from jsonb_array_elements(r.offers) x(value) where x.value->>'kind' = nh.value->>'kind' limit 1
      ) o on true
    ) h
    where r.alliance_id = n.alliance_id and r.partner_id <> n.partner_id and r.status = 'PUBLISHED'
      and (r.available_until is null or r.available_until >= ?::date)
  ) s
  where s.same_category or cardinality(s.shared_tags) > 0 or s.same_place or s.in_time or s.helped > 0
  order by score desc, s.published_at desc nulls last, s.resource_id
  limit ?
) m
where n.id in (select value::uuid from json_array_elements_text(?::json)) and n.status = 'PUBLISHED' and p.id is null
order by n.id, m.score desc, m.published_at desc nulls last, m.resource_id`;

const amount = (value: number | null, unit: string | null) => `${value ?? ''}${unit ?? ''}`;

/** The reasons of one match, in the order of `MatchReasonCode`, each with its detail (see docs/three-lists.md). */
export function reasonsOf(row: Omit<MatchRow, 'need_id' | 'resource_id' | 'kind' | 'partner_id' | 'score'>): MatchReason[] {
  const reasons: MatchReason[] = [];
  if (row.same_category) {
    reasons.push({ code: 'SAME_CATEGORY', detail: row.category });
  }
  if (row.shared_tags.length > 0) {
    reasons.push({ code: 'SHARED_TAGS', detail: row.shared_tags.join(', ') });
  }
  if (row.same_place) {
    reasons.push({ code: 'SAME_PLACE', detail: row.place });
  }
  if (row.in_time) {
    const window = row.available_from || row.available_until ? `${row.available_from ?? ''}..${row.available_until ?? ''}` : null;
    reasons.push({ code: 'IN_TIME', detail: window });
  }
  if (row.shared_help.length > 0) {
    reasons.push({ code: 'HELP_KIND', detail: row.shared_help.map((help) => help.kind).join(', ') });
  }
  const covered = row.shared_help.filter((help) => help.covered);
  if (covered.length > 0) {
    reasons.push({
      code: 'ENOUGH_AMOUNT',
      detail: covered
        .map((help) => `${help.kind} ${amount(help.offered, help.offeredUnit)} ≥ ${amount(help.asked, help.askedUnit ?? help.offeredUnit)}`)
        .join('; '),
    });
  }
  return reasons;
}

/** The best `first` matches of each need (none for a need not open to claims), one statement per distinct `first`. */
export async function findMatches(
  em: EntityManager,
  needIds: readonly string[],
  first: number,
  now = new Date(),
): Promise<Map<string, ResourceMatch[]>> {
  const rows = await em.execute<MatchRow[]>(matchSql, [hubDay(now), first, JSON.stringify(needIds)]);
  const byNeed = new Map<string, ResourceMatch[]>(needIds.map((id) => [id, []]));
  for (const row of rows) {
    byNeed.get(row.need_id)?.push({
      resource: { id: row.resource_id, kind: row.kind, partnerId: row.partner_id },
      score: row.score,
      reasons: reasonsOf(row),
    });
  }
  return byNeed;
}

/**
 * A request's loader of matches, keyed `needId|first`: the needs of one list asked with the same
 * `first` are matched in one statement.
 */
export function matchesLoader(em: EntityManager): DataLoader<string, ResourceMatch[]> {
  return new DataLoader(async (keys) => {
    const byFirst = new Map<number, string[]>();
    for (const key of keys) {
      const [needId, first] = key.split('|');
      const ids = byFirst.get(Number(first)) ?? [];
      ids.push(needId as string);
      byFirst.set(Number(first), ids);
    }
    const results = new Map<string, ResourceMatch[]>();
    for (const [first, ids] of byFirst) {
      for (const [needId, matches] of await findMatches(em, ids, first)) {
        results.set(`${needId}|${first}`, matches);
      }
    }
    return keys.map((key) => results.get(key) ?? []);
  });
}
