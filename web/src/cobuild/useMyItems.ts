import { useMemo } from 'react';
import { useQuery } from 'urql';
import type { EditorScope } from '../editor/EditorLayout.tsx';
import { inNamespace } from '../kinds/namespaced.ts';
import type { ItemEntity } from './item-kinds.ts';
import { itemTypename, operationsOf } from './item-operations.ts';

/** The editor's partner's needs or resources, drafts included (latest change first, as the API orders them). */
export function useMyItems(scope: EditorScope, entity: ItemEntity) {
  // Refetched after a write returns the kind's need or resource, even when the list was empty and named none.
  const context = useMemo(() => ({ additionalTypenames: [itemTypename(entity, scope.kind)] }), [entity, scope.kind]);
  const [result] = useQuery({ query: operationsOf(entity).list(scope.kind), context });
  return { items: inNamespace(result.data, scope.kind)?.items ?? null, fetching: result.fetching, error: result.error };
}
