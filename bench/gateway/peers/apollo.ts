/**
 * Stock Apollo Gateway for `pnpm bench:gateway`: @apollo/gateway over the benchmark's supergraph,
 * served by @apollo/server through the same node:http adapter as the hub's gateway (so the HTTP
 * layer is equal), every subgraph call carrying the internal identity. Nothing else: no limits,
 * no authentication, no live layer, default fetcher. Started as its own process (peer-env.ts).
 */
import { createServer } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { identityHeader } from '@hub/contracts';
import { closeOnSignal, executeApollo, parseJson, readBody, sendError, sendJson } from '@hub/http';
import { keepInternalIdentities, readPeerEnv } from './peer-env.ts';

const env = readPeerEnv();
const identities = await keepInternalIdentities(env);
const gateway = new ApolloGateway({
  supergraphSdl: env.supergraphSdl,
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource({
      url,
      willSendRequest({ request }) {
        request.http?.headers.set(identityHeader, identities.current(name));
      },
    }),
});
const apollo = new ApolloServer({ gateway });
await apollo.start();

const http = createServer((request, response) => {
  const handle = async () => {
    if (request.url === '/health') {
      return sendJson(response, 200, { status: 'ok' });
    }
    const body = request.method === 'POST' ? parseJson(await readBody(request, 10_000_000)) : undefined;
    await executeApollo(apollo, request, response, body, async () => ({}));
  };
  handle().catch((error: unknown) => sendError(response, error, 'stock-apollo'));
});
await new Promise<void>((resolve) => http.listen(env.port, '127.0.0.1', resolve));
console.log(`stock Apollo Gateway ready at http://127.0.0.1:${env.port}/graphql`);
closeOnSignal(async () => {
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await apollo.stop();
});
