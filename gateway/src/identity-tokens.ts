import { type InternalSigner, signInternalIdentity, type Viewer } from '@hub/contracts';

/** A signed identity lives 60 s; it is reused for half of that, so a subgraph always gets one with ≥ 30 s left. */
const reuseMs = 30_000;
/** Viewer and subgraph pairs remembered at most; beyond, the table starts again (old tokens simply get signed anew). */
const maxTokens = 10_000;

/** Signs `viewer`'s identity for one subgraph (the token's audience). */
export type IdentitySigner = (viewer: Viewer, subgraph: string) => Promise<string>;

/**
 * Signs the identity forwarded to each subgraph once per viewer and subgraph per half token
 * lifetime, not once per request: signing and JSON encoding were a fixed cost of every request.
 */
export function createIdentitySigner(signer: InternalSigner): IdentitySigner {
  const tokens = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (viewer, subgraph) => {
    const key = `${subgraph}\u0000${viewer.role}\u0000${viewer.subject}\u0000${viewer.partnerId ?? ''}\u0000${viewer.name ?? ''}`;
    const now = Date.now();
    const known = tokens.get(key);
    if (known && known.renewAt > now) {
      return known.token;
    }
    if (tokens.size >= maxTokens) {
      tokens.clear();
    }
    const token = signInternalIdentity(viewer, signer, subgraph);
    tokens.set(key, { token, renewAt: now + reuseMs });
    token.catch(() => tokens.delete(key));
    return token;
  };
}
