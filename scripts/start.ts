/**
 * `pnpm start`: the whole hub on one machine. Uses DATABASE_URL (a server's postgres database)
 * when set, else embedded PostgreSQL with its data in HUB_DATA_DIR (default .data/pg) on
 * HUB_PG_PORT (default 15432). PORT sets the gateway's port (default 4000); the alliance and each
 * kind folder's subgraph (`services/<name>/src/kind.ts`) listen at their offsets from it (the
 * alliance +1, a kind its `port` − 4000). The web app is built first when its sources changed.
 * Ctrl-C stops everything, PostgreSQL included.
 */
import { startStack } from '@hub/testkit';
import { ensureWebBuilt } from '../web/scripts/ensure-built.ts';

const started = Date.now();
const webDist = await ensureWebBuilt();
const stack = await startStack({
  databaseUrl: process.env.DATABASE_URL,
  port: process.env.PORT ? Number(process.env.PORT) : 4000,
  dataDir: process.env.HUB_DATA_DIR,
  postgresPort: process.env.HUB_PG_PORT ? Number(process.env.HUB_PG_PORT) : undefined,
  webDist,
  log: (line) => console.log(line),
});
const origin = new URL(stack.gatewayUrl).origin;
console.log(`
The co-building hub is up (${((Date.now() - started) / 1000).toFixed(1)} s).
  Dashboard:   ${origin}/
  GraphQL:     ${stack.gatewayUrl}   (HTTP and WebSocket)
  Subgraphs:   ${Object.entries(stack.subgraphUrls)
    .map(([name, url]) => `${name} ${url}`)
    .join('\n               ')}
  Demo token:  pnpm demo-token coordinator   (pnpm demo-token alone lists every demo user)
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nstopping…');
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
