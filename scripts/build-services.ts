/**
 * Compiles the gateway and every service (`services/<name>/` with a `src/index.ts`, a new kind
 * folder included) to one JavaScript file each, `<folder>/dist/index.js`, with esbuild
 * (docs/adr/0018-compiled-services.md): the workspace packages (@hub/*) are bundled in, every
 * other package stays in node_modules and is imported from there. `pnpm build` runs it;
 * `pnpm start` with HUB_ENV=production runs the output (`ensureServicesBuilt`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindFolders, kindModuleFiles } from '@hub/kinds/discover';
import { build, type Plugin } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** A process of the hub that is deployed on its own: its folder, relative to the repository. */
export interface Deployable {
  readonly name: string;
  readonly folder: string;
}

/** The gateway and every folder of `services/` with an entry point, by name. */
export function deployables(): Deployable[] {
  const services = readdirSync(join(repoRoot, 'services'))
    .filter((name) => existsSync(join(repoRoot, 'services', name, 'src', 'index.ts')))
    .sort();
  return [{ name: 'gateway', folder: 'gateway' }, ...services.map((name) => ({ name, folder: `services/${name}` }))];
}

/** A deployable's compiled entry point, relative to its folder. */
export const compiledEntryFile = 'dist/index.js';

/**
 * Packages from node_modules stay outside the bundle, imported by the path of the file they
 * resolve to from the importing source (a workspace package's own dependency is not visible from
 * the service's folder under pnpm's strict layout), relative to the output file, so the
 * output runs wherever the workspace is installed from the same lockfile (the image's build stage
 * and runtime stage). Node's built-ins stay as they are.
 */
function nodeModulesOutside(outDir: string): Plugin {
  return {
    name: 'node-modules-outside',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (isBuiltin(args.path)) {
          return { path: args.path, external: true };
        }
        if (args.path.startsWith('@hub/') || args.pluginData === 'resolving') {
          return undefined;
        }
        const resolved = await builder.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'resolving',
        });
        if (resolved.errors.length > 0) {
          return { errors: resolved.errors };
        }
        const path = relative(outDir, resolved.path).split(sep).join('/');
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      });
    },
  };
}

/**
 * The alliance finds the kind folders and imports their `kind.ts` and `seed.ts` at run time
 * (`@hub/kinds/discover`); compiled output has no sources to import. So whichever bundle holds
 * discover.ts gets every kind's modules compiled in, registered at the end of that module.
 */
function kindsCompiledIn(kinds: readonly string[]): Plugin {
  return {
    name: 'kinds-compiled-in',
    setup(builder) {
      builder.onLoad({ filter: /[\\/]packages[\\/]kinds[\\/]src[\\/]discover\.ts$/ }, async (args) => {
        const imports: string[] = [];
        const entries: string[] = [];
        kinds.forEach((name, index) => {
          const files = kindModuleFiles.map((file, fileIndex) => {
            const binding = `compiledKind${index}_${fileIndex}`;
            imports.push(`import * as ${binding} from ${JSON.stringify(join(repoRoot, 'services', name, file))};`);
            return `${JSON.stringify(file)}: ${binding}`;
          });
          entries.push(`${JSON.stringify(name)}: { ${files.join(', ')} }`);
        });
        const source = await readFile(args.path, 'utf8');
        return {
          contents: `${source}\n${imports.join('\n')}\nregisterCompiledKinds({ ${entries.join(', ')} });\n`,
          loader: 'ts',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

export interface BuiltDeployable extends Deployable {
  readonly bytes: number;
}

/** Compiles every deployable into `<folder>/dist/`; throws with esbuild's messages when one fails. */
export async function buildServices(): Promise<BuiltDeployable[]> {
  const kinds = kindFolders(join(repoRoot, 'services'));
  return Promise.all(
    deployables().map(async (deployable) => {
      const outfile = join(repoRoot, deployable.folder, compiledEntryFile);
      await build({
        entryPoints: [join(repoRoot, deployable.folder, 'src', 'index.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        // Node's conditions and fields for `import`, so a package resolves to the file Node would load.
        conditions: ['module-sync'],
        mainFields: ['main'],
        // type-graphql names GraphQL types after their classes: bundling must not rename them.
        keepNames: true,
        sourcemap: true,
        logLevel: 'warning',
        plugins: [nodeModulesOutside(dirname(outfile)), kindsCompiledIn(kinds)],
      });
      return { ...deployable, bytes: (await stat(outfile)).size };
    }),
  );
}

/** Modification time of a file in ms; 0 when it does not exist. */
async function modified(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.mtimeMs ?? 0;
}

/** Every file of a folder, recursively; none when it does not exist. */
function filesIn(folder: string): string[] {
  if (!existsSync(folder)) {
    return [];
  }
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The newest modification time among what the bundles are built from (sources, manifests, lockfile, this script). */
async function newestSource(): Promise<number> {
  const packages = readdirSync(join(repoRoot, 'packages')).map((name) => `packages/${name}`);
  const folders = [...deployables().map((d) => d.folder), ...packages];
  const files = [
    ...folders.flatMap((folder) => [...filesIn(join(repoRoot, folder, 'src')), join(repoRoot, folder, 'package.json')]),
    join(repoRoot, 'pnpm-lock.yaml'),
    join(repoRoot, 'tsconfig.base.json'),
    join(repoRoot, 'scripts', 'build-services.ts'),
  ];
  return Math.max(...(await Promise.all(files.map(modified))));
}

/** Whether every deployable has compiled output newer than every source it is built from. */
export async function servicesBuilt(): Promise<boolean> {
  const outputs = await Promise.all(deployables().map((d) => modified(join(repoRoot, d.folder, compiledEntryFile))));
  return Math.min(...outputs) > (await newestSource());
}

/** Compiles the deployables when a source changed since the last build (or one was never built). Returns whether it built. */
export async function ensureServicesBuilt(): Promise<boolean> {
  if (await servicesBuilt()) {
    return false;
  }
  await buildServices();
  return true;
}
