import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the committed supergraph lives (composed by `pnpm compose`). */
export const defaultSupergraphPath = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

export function readSupergraph(path = defaultSupergraphPath): string {
  return readFileSync(path, 'utf8');
}

/**
 * Calls `onChange` with the new text whenever the supergraph file changes (polled every
 * `intervalMs`, default 1 s). Returns a function that stops watching.
 */
export function watchSupergraph(path: string, onChange: (supergraphSdl: string) => void, intervalMs = 1000): () => void {
  let current = readSupergraph(path);
  const listener = () => {
    const next = readSupergraph(path);
    if (next !== current) {
      current = next;
      onChange(next);
    }
  };
  watchFile(path, { interval: intervalMs }, listener);
  return () => unwatchFile(path, listener);
}
