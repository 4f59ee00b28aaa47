import { useMemo } from 'react';
import { useQuery } from 'urql';
import { pickNamespace } from '../api/kind.ts';
import { MyCommitmentsDocument } from '../generated/graphql.ts';
import type { EditorScope } from './EditorLayout.tsx';
import { commitmentTypenames } from './typenames.ts';

/** The editor's own commitments (drafts included) and the partner's branches. */
export function useMyCommitments(scope: EditorScope) {
  const context = useMemo(() => ({ additionalTypenames: commitmentTypenames }), []);
  const [result, refetch] = useQuery({ query: MyCommitmentsDocument, variables: { partnerId: scope.partnerId, ...scope.flags }, context });
  const namespace = pickNamespace(result.data);
  return {
    commitments: namespace?.myCommitments ?? null,
    branches: namespace?.partner?.branches ?? [],
    fetching: result.fetching,
    error: result.error,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
