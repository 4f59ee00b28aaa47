/** The joint list as the issue measures it: every kind's fields and each item's branch (as test/joint-list.e2e.ts asks). */
export const jointListQuery = /* GraphQL */ `
  query JointList($id: ID!, $first: Int, $after: String) {
    alliance(id: $id) {
      name
      coBuildingList(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node {
            __typename id title category status progress dueDate partnerId
            branch { name memberCount }
            ... on EnterpriseCommitment { project site pioneerPosts responsibilityZones }
            ... on TownVillageCommitment { village householdsServed landAcquisitionTasks }
            ... on UniversityCommitment { institute researchTopic }
            ... on TrafficPoliceCommitment { roadSection guarantees jointActions }
          }
        }
      }
    }
  }
`;

/** The largest page the alliance subgraph serves (`first` from 1 to 1000). */
export const maxPageSize = 1000;

/** One request the load generator repeats. */
export interface Workload {
  readonly name: string;
  /** The POST body. */
  readonly body: string;
  /** How many items a correct answer has, from its data. */
  readonly itemsOf: (data: Record<string, any>) => number;
  /**
   * A text every item of the raw answer holds once (its `__typename` or `id` key), so each
   * answer under load is checked by counting it, without parsing it.
   */
  readonly marker: string;
}

/** The whole joint list of an alliance in one request (up to 1,000 items). */
export function jointListWorkload(allianceId: string): Workload {
  return {
    name: 'joint list',
    body: JSON.stringify({ query: jointListQuery, variables: { id: allianceId, first: maxPageSize } }),
    itemsOf: (data) => data.alliance?.coBuildingList?.edges?.length ?? 0,
    marker: '"__typename":',
  };
}

/** A small query: the alliances' names. */
export const smallWorkload: Workload = {
  name: 'small',
  body: JSON.stringify({ query: '{ alliances { id name } }' }),
  itemsOf: (data) => data.alliances?.length ?? 0,
  marker: '"id":',
};

/** How often `marker` occurs in `text`. */
export function occurrences(text: string, marker: string): number {
  let count = 0;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) {
    count += 1;
  }
  return count;
}

/** A value as JSON with every object's keys sorted, to compare answers whatever order a gateway writes them in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
