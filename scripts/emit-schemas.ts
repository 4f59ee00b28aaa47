/**
 * Writes each service's federated SDL to services/<name>/schema.graphql.
 * Usage: pnpm schema [service…]. Each service is built in a child process of its own.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { printSubgraphSdl } from '@hub/subgraph-kit';
import { loadService, serviceNames } from './service-definition.ts';

const [, , ...args] = process.argv;
if (args[0] === '--one' && args[1]) {
  const service = await loadService(args[1]);
  writeFileSync(new URL(`../services/${args[1]}/schema.graphql`, import.meta.url), printSubgraphSdl(await service.buildSchema()));
} else {
  for (const name of args.length > 0 ? args : serviceNames) {
    execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--one', name], { stdio: 'inherit' });
    console.log(`wrote services/${name}/schema.graphql`);
  }
}
