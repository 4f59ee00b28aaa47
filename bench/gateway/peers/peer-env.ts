import { readFileSync } from 'node:fs';
import { anonymousViewer, signInternalIdentity } from '@hub/contracts';

/** What every peer gateway process is started with (by bench/gateway/gateways.ts). */
export interface PeerEnv {
  readonly port: number;
  /** The supergraph with the benchmark stack's subgraph URLs. */
  readonly supergraphSdl: string;
  /** The secret the subgraphs verify the internal identity with. */
  readonly internalSecret: string;
}

/** Reads PORT, HUB_SUPERGRAPH_PATH and HUB_INTERNAL_SECRET; throws naming a missing one. */
export function readPeerEnv(source: NodeJS.ProcessEnv = process.env): PeerEnv {
  const missing = ['PORT', 'HUB_SUPERGRAPH_PATH', 'HUB_INTERNAL_SECRET'].filter((name) => !source[name]);
  if (missing.length > 0) {
    throw new Error(`Invalid environment: ${missing.join(', ')} must be set`);
  }
  return Object.freeze({
    port: Number(source.PORT),
    supergraphSdl: readFileSync(source.HUB_SUPERGRAPH_PATH as string, 'utf8'),
    internalSecret: source.HUB_INTERNAL_SECRET as string,
  });
}

/** How often the peers sign their identity again: well within its 60-second lifetime. */
const refreshMs = 30_000;

/**
 * The internal identity a peer forwards to every subgraph call: the anonymous viewer, signed as
 * the hub's gateway signs it (`caller: 'gateway'`), again every 30 s rather than per request
 * (the hub's own gateway signs per request; that is part of what it costs).
 */
export async function keepInternalIdentity(secret: string): Promise<{ current: () => string }> {
  const sign = () => signInternalIdentity({ viewer: anonymousViewer, caller: 'gateway' }, secret);
  let token = await sign();
  setInterval(() => {
    sign().then(
      (next) => {
        token = next;
      },
      (error: unknown) => console.error('signing the internal identity failed', error),
    );
  }, refreshMs).unref();
  return { current: () => token };
}
