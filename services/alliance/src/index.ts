import { closeOnSignal } from '@hub/subgraph-kit';
import { env, reminderSweepMs } from './env.ts';
import { createAllianceSubgraph } from './subgraph.ts';

const subgraph = await createAllianceSubgraph(env, { seed: process.env.HUB_SEED === 'demo', reminderSweepMs });
console.log(`alliance subgraph ready at ${subgraph.server.url}`);
closeOnSignal(() => subgraph.close());
