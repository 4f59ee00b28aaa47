import { closeOnSignal } from '@hub/http';
import { parseGatewayEnv } from './env.ts';
import { startGateway } from './gateway.ts';
import { defaultSupergraphPath } from './supergraph.ts';

const env = parseGatewayEnv();
const gateway = await startGateway(env, env.HUB_SUPERGRAPH_PATH ?? defaultSupergraphPath);
console.log(`gateway ready at ${gateway.url}`);
closeOnSignal(() => gateway.close());
