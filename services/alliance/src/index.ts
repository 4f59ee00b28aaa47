import './instrument.ts';
import { log } from '@hub/http/log';
import { closeOnSignal } from '@hub/subgraph-kit';
import { env, reminderSweepMs } from './env.ts';
import { createAllianceSubgraph } from './subgraph.ts';

const subgraph = await createAllianceSubgraph(env, { seed: process.env.HUB_SEED === 'demo', reminderSweepMs });
log.info(`alliance subgraph ready at ${subgraph.server.url}`);
closeOnSignal(() => subgraph.close());
