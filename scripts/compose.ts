/**
 * Composes the committed subgraph SDLs (the alliance's and one per kind folder) into
 * gateway/supergraph.graphql with @apollo/composition. Fails (exit 1) with composition's own
 * messages when the subgraphs do not compose. The URLs written here are the development ones
 * (each kind's port); the gateway may map them elsewhere (HUB_SUBGRAPH_URL_TEMPLATE).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { discoverKinds } from '@hub/kinds/discover';
import { parse } from 'graphql';

const subgraphs = [{ name: 'alliance', port: 4001 }, ...(await discoverKinds()).map(({ name, port }) => ({ name, port }))];

const result = composeServices(
  subgraphs.map(({ name, port }) => ({
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    typeDefs: parse(readFileSync(new URL(`../services/${name}/schema.graphql`, import.meta.url), 'utf8')),
  })),
);

if (result.errors) {
  for (const error of result.errors) {
    console.error(error.message);
  }
  process.exit(1);
}
for (const hint of result.hints ?? []) {
  if (process.env.COMPOSE_HINTS) {
    console.warn(hint.toString());
  }
}
writeFileSync(new URL('../gateway/supergraph.graphql', import.meta.url), `${result.supergraphSdl.trim()}\n`);
console.log(`wrote gateway/supergraph.graphql (${subgraphs.length} subgraphs)`);
