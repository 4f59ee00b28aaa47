import { readFileSync } from 'node:fs';
import { anonymousViewer, gatewayIssuer, openKeyRing, signInternalIdentity } from '@hub/contracts';

/** What every peer gateway process is started with (by bench/gateway/gateways.ts). */
export interface PeerEnv {
  readonly port: number;
  /** The supergraph with the benchmark stack's subgraph URLs. */
  readonly supergraphSdl: string;
  /** The hub gateway's key file: the peers sign what they forward as the hub's gateway does. */
  readonly keysFile: string;
}

/** Reads PORT, HUB_SUPERGRAPH_PATH and HUB_SIGNING_KEYS; throws naming a missing one. */
export function readPeerEnv(source: NodeJS.ProcessEnv = process.env): PeerEnv {
  const missing = ['PORT', 'HUB_SUPERGRAPH_PATH', 'HUB_SIGNING_KEYS'].filter((name) => !source[name]);
  if (missing.length > 0) {
    throw new Error(`Invalid environment: ${missing.join(', ')} must be set`);
  }
  return Object.freeze({
    port: Number(source.PORT),
    supergraphSdl: readFileSync(source.HUB_SUPERGRAPH_PATH as string, 'utf8'),
    keysFile: source.HUB_SIGNING_KEYS as string,
  });
}

/** How often the peers sign their identities again: well within their 60-second lifetime. */
const refreshMs = 30_000;

/** The subgraphs a supergraph names (`join__graph(name: …)`). */
function subgraphNames(supergraphSdl: string): string[] {
  return [...supergraphSdl.matchAll(/join__graph\(name: "([^"]+)"/g)].map((match) => match[1] as string);
}

/**
 * The internal identities a peer forwards, one per subgraph (each bound to its audience): the
 * anonymous viewer, signed with the hub gateway's own key file as the hub's gateway signs it,
 * again every 30 s rather than per request (the hub's gateway reuses its tokens the same way).
 */
export async function keepInternalIdentities(env: PeerEnv): Promise<{ current: (subgraph: string) => string }> {
  const signer = { issuer: gatewayIssuer, keys: await openKeyRing(env.keysFile, { create: false }) };
  const tokens = new Map<string, string>();
  const signAll = async () => {
    for (const name of subgraphNames(env.supergraphSdl)) {
      tokens.set(name, await signInternalIdentity(anonymousViewer, signer, name));
    }
  };
  await signAll();
  setInterval(() => {
    signAll().catch((error: unknown) => console.error('signing the internal identities failed', error));
  }, refreshMs).unref();
  return { current: (subgraph) => tokens.get(subgraph) ?? '' };
}
