import type { BoardStatsFragment } from '../../generated/graphql.ts';

type PartnerFigures = BoardStatsFragment['byPartner'][number];

export interface RankedPartner {
  readonly partnerId: string;
  /** 1 for the first; partners with the same rate and count share a rank. */
  readonly rank: number;
  /** 简称 when the partner has one, else its registered name. */
  readonly shortName: string;
  readonly fullName: string;
  readonly kind: string;
  readonly completionRate: number;
  readonly completed: number;
  readonly total: number;
}

/**
 * The members ranked by completion rate, then by items completed (more first); ties keep the
 * same rank and are ordered by name. Every member is ranked, those with no items last (rate 0).
 */
export function rankPartners(byPartner: readonly PartnerFigures[], shortNames: ReadonlyMap<string, string>): RankedPartner[] {
  const sorted = [...byPartner].sort(
    (a, b) => b.completionRate - a.completionRate || b.completed - a.completed || a.partnerName.localeCompare(b.partnerName, 'zh-CN'),
  );
  const ranked: RankedPartner[] = [];
  for (const [index, row] of sorted.entries()) {
    const above = sorted[index - 1];
    const tied = above !== undefined && above.completionRate === row.completionRate && above.completed === row.completed;
    ranked.push({
      partnerId: row.partnerId,
      rank: tied ? (ranked[index - 1]?.rank ?? 1) : index + 1,
      shortName: shortNames.get(row.partnerId) || row.partnerName,
      fullName: row.partnerName,
      kind: row.kind,
      completionRate: row.completionRate,
      completed: row.completed,
      total: row.total,
    });
  }
  return ranked;
}
