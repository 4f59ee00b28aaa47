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

/**
 * What the soak's dashboards watch: the joint list's changes after a cursor, with fields of the
 * alliance and of whichever partner owns the item, as the web app asks for them.
 */
export const resumableListQuery = /* GraphQL */ `
  subscription SoakWatch($allianceId: ID!, $after: String) {
    coBuildingListChanged(allianceId: $allianceId, after: $after) {
      cursor
      action
      commitmentId
      commitment { __typename ... on Commitment { title status progress } }
    }
  }
`;

/** An event's cursor as a number (the alliance's event sequence), or undefined when it carries none. */
export function cursorOf(result: FormattedExecutionResult<Record<string, unknown>, unknown>): number | undefined {
  const change = (result.data as { coBuildingListChanged?: { cursor?: string } } | null | undefined)?.coBuildingListChanged;
  return change?.cursor === undefined ? undefined : Number(change.cursor);
}
