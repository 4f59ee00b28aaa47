import { useMemo } from 'react';
import { useQuery } from 'urql';
import { pickNamespace } from '../api/kind.ts';
import { MyActivitiesDocument } from '../generated/graphql.ts';
import type { EditorScope } from './EditorLayout.tsx';
import { activityTypenames } from './typenames.ts';

/** The activities the editor's partner hosts, and its commitments to link them to. */
export function useMyActivities(scope: EditorScope) {
  const context = useMemo(() => ({ additionalTypenames: activityTypenames }), []);
  const [result] = useQuery({ query: MyActivitiesDocument, variables: scope.flags, context });
  const namespace = pickNamespace(result.data);
  return {
    activities: namespace?.myActivities ?? null,
    commitments: namespace?.myCommitments ?? [],
    fetching: result.fetching,
    error: result.error,
  };
}
