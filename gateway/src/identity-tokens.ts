import { signInternalIdentity, type Viewer } from '@hub/contracts';

/** A signed identity lives 60 s; it is reused for half of that, so a subgraph always gets one with ≥ 30 s left. */
const reuseMs = 30_000;
/** Viewers remembered at most; beyond, the table starts again (old tokens simply get signed anew). */
const maxViewers = 10_000;

/**
 * Signs the identity forwarded to subgraphs once per viewer per half token lifetime, not once
 * per request: HMAC signing and JSON encoding were a fixed cost of every request.
 */
export function createIdentitySigner(secret: string): (viewer: Viewer) => Promise<string> {
  const tokens = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (viewer) => {
    const key = `${viewer.role}\u0000${viewer.subject}\u0000${viewer.partnerId ?? ''}\u0000${viewer.name ?? ''}`;
    const now = Date.now();
    const known = tokens.get(key);
    if (known && known.renewAt > now) {
      return known.token;
    }
    if (tokens.size >= maxViewers) {
      tokens.clear();
    }
    const token = signInternalIdentity({ viewer, caller: 'gateway' }, secret);
    tokens.set(key, { token, renewAt: now + reuseMs });
    token.catch(() => tokens.delete(key));
    return token;
  };
}
