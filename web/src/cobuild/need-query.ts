import { type CobuildNeedDetailFragment, CobuildNeedDetailFragmentDoc } from '../generated/graphql.ts';
import { namespaced } from '../kinds/namespaced.ts';

/**
 * A need with what its page shows, from the subgraph of its partner's kind (`<namespace> {
 * need(id) }`), which adds the alliance's fields (stage, matches, claims, project) through the
 * gateway. A draft comes back only to its own partner's editors, as the subgraph decides.
 */
export const needQuery = namespaced<{ need: CobuildNeedDetailFragment | null }, { id: string }>({
  operation: 'query',
  name: 'CobuildNeed',
  variables: () => '$id: ID!',
  body: 'need(id: $id) { ...CobuildNeedDetail }',
  fragments: () => [CobuildNeedDetailFragmentDoc],
});
