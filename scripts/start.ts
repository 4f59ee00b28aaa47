/**
 * `pnpm start`: the whole hub on one machine. Uses DATABASE_URL (a server's postgres database)
 * when set, else embedded PostgreSQL with its data in HUB_DATA_DIR (default .data/pg) on
 * HUB_PG_PORT (default 15432). PORT sets the gateway's port (default 4000); the alliance and each
 * kind folder's subgraph (`services/<name>/src/kind.ts`) listen at their offsets from it (the
 * alliance +1, a kind its `port` − 4000). The web app is built first, into HUB_WEB_DIST (default
 * web/dist), when its sources changed. HUB_ENV (default development) is the mode of every process.
 * HUB_KEYS_DIR (default .data/keys) holds each service's private key file (`<name>.jwks.json`):
 * generated on first start in development, required in production (`pnpm keys create <file>`).
 * In production the processes run the compiled JavaScript (`pnpm build`, built here first when a
 * source changed), never the TypeScript loader; in development they run the sources through tsx.
 *
 * Ctrl-C (SIGINT to the terminal's whole process group), SIGTERM or SIGHUP stops the gateway,
 * then the subgraphs, then PostgreSQL: the services and PostgreSQL run in process groups of their
 * own, so only this process hears the terminal, and stops them in that order.
 */
import { resolve } from 'node:path';
import { repoRoot, startStack } from '@hub/testkit';
import { ensureWebBuilt } from '../web/scripts/ensure-built.ts';
import { ensureServicesBuilt } from './build-services.ts';

const started = Date.now();
const mode = process.env.HUB_ENV ?? 'development';
const compiled = mode === 'production';
if (compiled && (await ensureServicesBuilt())) {
  console.log('compiled the gateway and the services (pnpm build)');
}
const webDist = await ensureWebBuilt(process.env.HUB_WEB_DIST ? resolve(repoRoot, process.env.HUB_WEB_DIST) : undefined);
const stack = await startStack({
  databaseUrl: process.env.DATABASE_URL,
  port: process.env.PORT ? Number(process.env.PORT) : 4000,
  dataDir: process.env.HUB_DATA_DIR,
  postgresPort: process.env.HUB_PG_PORT ? Number(process.env.HUB_PG_PORT) : undefined,
  keysDir: process.env.HUB_KEYS_DIR ? resolve(repoRoot, process.env.HUB_KEYS_DIR) : undefined,
  webDist,
  compiled,
  env: { HUB_ENV: mode },
  log: (line) => console.log(line),
});
const origin = new URL(stack.gatewayUrl).origin;
console.log(`
The co-building hub is up (${((Date.now() - started) / 1000).toFixed(1)} s), in ${mode} mode${compiled ? ', compiled' : ''}.
  Dashboard:   ${origin}/
  GraphQL:     ${stack.gatewayUrl}   (HTTP and WebSocket${mode === 'development' ? '; introspection and Apollo Sandbox on' : ''})
  Subgraphs:   ${Object.entries(stack.subgraphUrls)
    .map(([name, url]) => `${name} ${url}`)
    .join('\n               ')}
  Demo token:  pnpm demo-token coordinator   (pnpm demo-token alone lists every demo user)
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) {
      console.log('still stopping, in order…');
      return;
    }
    stopping = true;
    console.log('\nstopping…');
    stack.stop().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
