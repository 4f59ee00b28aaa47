import { partnerSpec } from '@hub/partner-kit';
import { kind } from './kind.ts';
import { migrations } from './migrations/index.ts';

/** This kind's subgraph, built from its definition. */
export const spec = partnerSpec(kind, migrations);
