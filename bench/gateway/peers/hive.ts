/**
 * Hive Gateway for `pnpm bench:gateway`: `createGatewayRuntime` over the benchmark's supergraph,
 * its defaults except where BENCH_HIVE_PLANNER and BENCH_HIVE_DEDUP say otherwise, every subgraph
 * call carrying the internal identity. Started as its own process (peer-env.ts).
 *
 * - BENCH_HIVE_PLANNER=js (default): Hive's own JavaScript planner (the stitching runtime);
 *   `rust`: the Rust query planner of Hive Router (`unifiedGraphHandler` of
 *   @graphql-hive/router-runtime).
 * - BENCH_HIVE_DEDUP=on (default, as in Hive): identical subgraph queries in flight at once are
 *   sent once and their answer shared (@graphql-tools/executor-http's
 *   `deduplicateInflightRequests`); `off` sends each.
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { identityHeader } from '@hub/contracts';
import { closeOnSignal } from '@hub/http';
import { keepInternalIdentities, readPeerEnv } from './peer-env.ts';

const env = readPeerEnv();
const rustPlanner = process.env.BENCH_HIVE_PLANNER === 'rust';
const dedup = process.env.BENCH_HIVE_DEDUP !== 'off';
const identities = await keepInternalIdentities(env);

const gateway = createGatewayRuntime({
  supergraph: env.supergraphSdl,
  logging: 'warn',
  ...(rustPlanner ? { unifiedGraphHandler } : {}),
  ...(dedup ? {} : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
  propagateHeaders: { fromClientToSubgraphs: ({ subgraphName }) => ({ [identityHeader]: identities.current(subgraphName) }) },
});

const http = createServer((request, response) => {
  if (request.url === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  gateway(request, response);
});
await new Promise<void>((resolve) => http.listen(env.port, '127.0.0.1', resolve));
console.log(
  `Hive Gateway (${rustPlanner ? 'Rust' : 'JS'} planner, dedup ${dedup ? 'on' : 'off'}) ready at http://127.0.0.1:${env.port}/graphql`,
);
closeOnSignal(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await gateway.dispose();
});
