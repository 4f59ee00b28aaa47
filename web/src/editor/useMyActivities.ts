import { useMemo } from 'react';
import { useQuery } from 'urql';
import { inNamespace } from '../kinds/namespaced.ts';
import { activityTypename } from '../kinds/partner-kinds.ts';
import { myActivities } from './activity-operations.ts';
import type { EditorScope } from './EditorLayout.tsx';

/** The activities the editor's partner hosts, and its commitments to link them to. */
export function useMyActivities(scope: EditorScope) {
  // The list is refetched after a write returns its kind's activity, even when it was empty and named none.
  const context = useMemo(() => ({ additionalTypenames: [activityTypename(scope.kind)] }), [scope.kind]);
  const [result] = useQuery({ query: myActivities(scope.kind), variables: {}, context });
  const answer = inNamespace(result.data, scope.kind);
  return {
    activities: answer?.myActivities ?? null,
    commitments: answer?.myCommitments ?? [],
    fetching: result.fetching,
    error: result.error,
  };
}
