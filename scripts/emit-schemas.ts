/**
 * Writes each service's federated SDL to services/<name>/schema.graphql, or with `--out <dir>`
 * to <dir>/<name>.graphql (to compose a supergraph without touching the committed files).
 * Usage: pnpm schema [--out <dir>] [service…]. Each service is built in a child process of its own.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSubgraphSdl } from '@hub/subgraph-kit';
import { loadService, serviceNames } from './service-definition.ts';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? args[outAt + 1] : undefined;
const names = args.filter((arg, index) => arg !== '--out' && arg !== '--one' && (outAt < 0 || index !== outAt + 1));
const target = (name: string) =>
  outDir ? join(outDir, `${name}.graphql`) : fileURLToPath(new URL(`../services/${name}/schema.graphql`, import.meta.url));

if (args.includes('--one') && names[0]) {
  const service = await loadService(names[0]);
  writeFileSync(target(names[0]), printSubgraphSdl(await service.buildSchema()));
} else {
  for (const name of names.length > 0 ? names : serviceNames) {
    execFileSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', name, ...(outDir ? ['--out', outDir] : [])],
      {
        stdio: 'inherit',
      },
    );
    console.log(`wrote ${target(name)}`);
  }
}
