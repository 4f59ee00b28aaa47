import { readFileSync } from 'node:fs';

/** The committed supergraph (composed by `pnpm compose`). */
export function readSupergraph(path = new URL('../supergraph.graphql', import.meta.url)): string {
  return readFileSync(path, 'utf8');
}
