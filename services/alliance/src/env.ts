import { parseSubgraphEnv } from '@hub/subgraph-kit';

/** The alliance subgraph's environment (see README). */
export const env = parseSubgraphEnv(4001);
