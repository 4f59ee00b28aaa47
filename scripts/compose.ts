/**
 * Composes the committed subgraph SDLs into gateway/supergraph.graphql with @apollo/composition.
 * Fails (exit 1) with composition's own messages when the subgraphs do not compose.
 * The URLs written here are the defaults; the gateway overrides them from its environment.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

const subgraphs = [
  { name: 'alliance', port: 4001 },
  { name: 'enterprise', port: 4002 },
  { name: 'town-village', port: 4003 },
  { name: 'university', port: 4004 },
  { name: 'traffic-police', port: 4005 },
];

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
