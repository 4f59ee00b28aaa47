import { useMemo } from 'react';
import { useQuery } from 'urql';
import { inNamespace } from '../kinds/namespaced.ts';
import { commitmentTypename } from '../kinds/partner-kinds.ts';
import { myCommitments } from './commitment-operations.ts';
import type { EditorScope } from './EditorLayout.tsx';

/** The editor's own commitments (drafts included) and the partner's branches. */
export function useMyCommitments(scope: EditorScope) {
  // The list is refetched after a write returns its kind's commitment, even when it was empty and named none.
  const context = useMemo(() => ({ additionalTypenames: [commitmentTypename(scope.kind)] }), [scope.kind]);
  const [result, refetch] = useQuery({ query: myCommitments(scope.kind), variables: { partnerId: scope.partnerId }, context });
  const answer = inNamespace(result.data, scope.kind);
  return {
    commitments: answer?.myCommitments ?? null,
    branches: answer?.partner?.branches ?? [],
    fetching: result.fetching,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
