import { parseGatewayEnv } from './env.ts';
import { startGateway } from './gateway.ts';
import { readSupergraph } from './supergraph.ts';

const gateway = await startGateway(parseGatewayEnv(), readSupergraph());
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
