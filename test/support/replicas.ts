import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatewayIssuer } from '@hub/contracts';
import { type BySubgraph, type RunningStack, repoRoot, type ServiceProcess, startServiceProcess } from '@hub/testkit';
import { readSupergraph } from '../../gateway/src/supergraph.ts';

/**
 * The committed supergraph with each subgraph's URL replaced by the stack's, for a gateway whose
 * port says nothing of the subgraphs' (a replica, a benchmark's gateways).
 */
export function supergraphFor(subgraphUrls: BySubgraph): string {
  return readSupergraph().replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (_match, name: string) => {
    const url = subgraphUrls[name];
    if (!url) {
      throw new Error(`The supergraph names subgraph ${name}, which the stack does not run`);
    }
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
}

/** `supergraphFor` the stack, written to a file of its own. */
function supergraphFileOf(stack: RunningStack): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hub-replica-')), 'supergraph.graphql');
  writeFileSync(path, supergraphFor(stack.subgraphUrls));
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
      HUB_SUPERGRAPH_PATH: supergraphFileOf(stack),
      HUB_SIGNING_KEYS: join(stack.keysDir, `${gatewayIssuer}.jwks.json`),
      ...env,
    },
    log: () => {},
  });
}
