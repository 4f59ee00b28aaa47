import { parseGatewayEnv } from './env.ts';
import { startGateway } from './gateway.ts';
import { defaultSupergraphPath } from './supergraph.ts';

const env = parseGatewayEnv();
const gateway = await startGateway(env, env.HUB_SUPERGRAPH_PATH ?? defaultSupergraphPath);
console.log(`gateway ready at ${gateway.url}`);
let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!closing) {
      closing = true;
      gateway.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
}
