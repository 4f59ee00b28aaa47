import type { FormattedExecutionResult } from 'graphql-ws';

/**
 * What each subscriber watches: the joint list's changes with fields of the alliance (the
 * event) and of the traffic-police subgraph (the commitment), which the hub completes per event.
 */
export const listChangedQuery = /* GraphQL */ `
  subscription BenchWatch($allianceId: ID!) {
    coBuildingListChanged(allianceId: $allianceId) {
      cursor
      action
      commitmentId
      occurredAt
      commitment {
        __typename
        id
        title
        status
        progress
        ... on TrafficPoliceCommitment { roadSection guarantees branch { name } }
      }
    }
  }
`;

/** The commitment an event is about: the key that matches events to published changes. */
export function commitmentIdOf(result: FormattedExecutionResult<Record<string, unknown>, unknown>): string | undefined {
  const change = (result.data as { coBuildingListChanged?: { commitmentId?: string } } | null | undefined)?.coBuildingListChanged;
  return change?.commitmentId;
}
