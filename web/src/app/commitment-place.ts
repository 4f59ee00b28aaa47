/** The kind-specific fields that say where a commitment happens. */
type Placed =
  | { __typename: 'EnterpriseCommitment'; project: string; site: string | null }
  | { __typename: 'TownVillageCommitment'; village: string }
  | { __typename: 'UniversityCommitment'; institute: string }
  | { __typename: 'TrafficPoliceCommitment'; roadSection: string };

/** Where a commitment happens, in its kind's own terms: project and site, village, institute or road section. */
export function placeOf(item: Placed): string | null {
  switch (item.__typename) {
    case 'EnterpriseCommitment':
      return [item.project, item.site].filter(Boolean).join(' · ') || null;
    case 'TownVillageCommitment':
      return item.village || null;
    case 'UniversityCommitment':
      return item.institute || null;
    case 'TrafficPoliceCommitment':
      return item.roadSection || null;
  }
}
