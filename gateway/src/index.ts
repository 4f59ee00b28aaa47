import './instrument.ts';
import { closeOnSignal } from '@hub/http';
import { log } from '@hub/http/log';
import { parseGatewayEnv } from './env.ts';
import { startGateway } from './gateway.ts';
import { defaultSupergraphPath } from './supergraph.ts';

const env = parseGatewayEnv();
const gateway = await startGateway(env, env.HUB_SUPERGRAPH_PATH ?? defaultSupergraphPath);
log.info(`gateway ready at ${gateway.url}`);
closeOnSignal(() => gateway.close());
