import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KindDefinition } from './definition.ts';

/** The repository's `services/` folder. */
const servicesDir = fileURLToPath(new URL('../../../services/', import.meta.url));

/** The kind folders: every `services/<name>/` with a `src/kind.ts`, by name. */
export function kindFolders(root = servicesDir): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'src', 'kind.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** Imports a module of a kind's folder, e.g. `src/seed.ts`. */
export function importFromKind<T>(name: string, file: string, root = servicesDir): Promise<T> {
  return import(pathToFileURL(join(root, name, file)).href) as Promise<T>;
}

/** Loads every kind's definition, by name; throws when two kinds claim the same port. */
export async function discoverKinds(root = servicesDir): Promise<KindDefinition[]> {
  const kinds = await Promise.all(
    kindFolders(root).map(async (name) => {
      const module = await importFromKind<{ kind: KindDefinition }>(name, 'src/kind.ts', root);
      if (module.kind?.name !== name) {
        throw new Error(`services/${name}/src/kind.ts must export \`kind\` with name "${name}"`);
      }
      return module.kind;
    }),
  );
  const ports = new Map<number, string>();
  for (const kind of kinds) {
    const other = ports.get(kind.port);
    if (other) {
      throw new Error(`Kinds ${other} and ${kind.name} both use port ${kind.port}`);
    }
    ports.set(kind.port, kind.name);
  }
  return kinds;
}
