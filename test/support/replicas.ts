import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayIssuer } from '@hub/contracts';
import { type RunningStack, repoRoot, type ServiceProcess, startServiceProcess } from '@hub/testkit';

/** The committed supergraph with each subgraph at the stack's URL (a replica's port says nothing of theirs). */
function supergraphOf(stack: RunningStack): string {
  const composed = readFileSync(join(repoRoot, 'gateway', 'supergraph.graphql'), 'utf8');
  const text = composed.replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (_match, name: string) => {
    const url = stack.subgraphUrls[name];
    if (!url) {
      throw new Error(`The supergraph names subgraph ${name}, which the stack does not run`);
    }
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
  const path = join(mkdtempSync(join(tmpdir(), 'hub-replica-')), 'supergraph.graphql');
  writeFileSync(path, text);
  return path;
}

/**
 * Starts another gateway process of the stack's organization (its key file) on `port`, over the
 * stack's subgraphs, with `env` on top: a replica behind the same load balancer. Stop it yourself.
 */
export function startGatewayReplica(stack: RunningStack, port: number, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return startServiceProcess({
    name: `gateway-${port}`,
    entry: 'gateway/src/index.ts',
    cwd: repoRoot,
    port,
    env: {
      PORT: String(port),
      HUB_SUPERGRAPH_PATH: supergraphOf(stack),
      HUB_SIGNING_KEYS: join(stack.keysDir, `${gatewayIssuer}.jwks.json`),
      ...env,
    },
    log: () => {},
  });
}
