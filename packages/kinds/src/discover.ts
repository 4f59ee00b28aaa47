import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { KindDefinition } from './definition.ts';

/**
 * Where the kind folders are: the repository's `services/`, or `HUB_KINDS_DIR` (a test adding a
 * kind to a running hub uses a folder of its own, so nothing else sees the kind meanwhile).
 */
export const kindsRoot = process.env.HUB_KINDS_DIR
  ? resolve(process.env.HUB_KINDS_DIR)
  : fileURLToPath(new URL('../../../services/', import.meta.url));

/** The modules of a kind folder that a process reads at run time (the alliance: every kind's). */
export const kindModuleFiles = ['src/kind.ts', 'src/seed.ts'] as const;
type KindModuleFile = (typeof kindModuleFiles)[number];

/**
 * Kind folder name → its modules, when they were compiled into this process's bundle
 * (`pnpm build`, scripts/build-services.ts): compiled output has no sources to find and import.
 */
const compiledKinds = new Map<string, Readonly<Record<KindModuleFile, unknown>>>();

/** Called first by a compiled bundle: these kinds are found and imported from the bundle, not from `services/`. */
export function registerCompiledKinds(kinds: Readonly<Record<string, Readonly<Record<KindModuleFile, unknown>>>>): void {
  for (const [name, modules] of Object.entries(kinds)) {
    compiledKinds.set(name, modules);
  }
}

/** The kind folders: every `<root>/<name>/` (a folder or a link to one) with a `src/kind.ts`, by name. */
export function kindFolders(root = kindsRoot): string[] {
  if (compiledKinds.size > 0) {
    return [...compiledKinds.keys()].sort();
  }
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'src', 'kind.ts')))
    .sort();
}

/** Imports a module of a kind's folder, e.g. `src/seed.ts`. */
export function importFromKind<T>(name: string, file: string, root = kindsRoot): Promise<T> {
  if (compiledKinds.size > 0) {
    const module = compiledKinds.get(name)?.[file as KindModuleFile];
    if (module === undefined) {
      return Promise.reject(
        new Error(`Kind ${name}'s ${file} is not in this compiled bundle (it holds ${kindModuleFiles.join(', ')} of each kind)`),
      );
    }
    return Promise.resolve(module as T);
  }
  return import(pathToFileURL(join(root, name, file)).href) as Promise<T>;
}

/** Loads every kind's definition, by name; throws when two kinds claim the same port. */
export async function discoverKinds(root = kindsRoot): Promise<KindDefinition[]> {
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
