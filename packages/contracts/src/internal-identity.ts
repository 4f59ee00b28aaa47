import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import type { Role, Viewer } from './identity.ts';

const issuer = 'hub-gateway';
const audience = 'hub-subgraphs';
const roles: readonly Role[] = ['coordinator', 'partner_editor', 'viewer', 'anonymous'];

/** Where an internal identity comes from: the gateway, or a partner's outbox relay. */
export interface InternalIdentity {
  readonly viewer: Viewer;
  /** `gateway` for user calls; `relay:<partnerId>` for a partner's outbox delivery. */
  readonly caller: string;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/**
 * Signs the identity the gateway (or a relay) forwards to subgraphs: an HS256 JWT with a
 * one-minute lifetime, keyed by the secret shared inside the hub (`HUB_INTERNAL_SECRET`).
 */
export async function signInternalIdentity(identity: InternalIdentity, secret: string): Promise<string> {
  const { viewer, caller } = identity;
  return new SignJWT({ role: viewer.role, pid: viewer.partnerId, name: viewer.name, caller })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key(secret));
}

/**
 * Verifies an internal identity token. Throws when the signature, issuer, audience, expiry or
 * role is wrong; callers turn that into UNAUTHENTICATED.
 */
export async function verifyInternalIdentity(token: string, secret: string): Promise<InternalIdentity> {
  const { payload } = await jwtVerify(token, key(secret), { issuer, audience, algorithms: ['HS256'] });
  const role = payload.role as Role;
  if (!roles.includes(role) || typeof payload.sub !== 'string' || typeof payload.caller !== 'string') {
    throw new Error('identity token has no valid subject, role or caller');
  }
  const viewer: Viewer = {
    subject: payload.sub,
    role,
    ...(typeof payload.pid === 'string' ? { partnerId: payload.pid } : {}),
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
  };
  return { viewer, caller: payload.caller };
}

/** Verified tokens remembered at most; beyond, the table starts again (tokens are then verified anew). */
const maxVerifiedTokens = 10_000;

/**
 * `verifyInternalIdentity` for one secret, verifying each token once: a token verified before
 * gives the same identity until it expires. The gateway reuses a viewer's token for 30 s, so the
 * HMAC check (a fixed cost of every subgraph call) is done about once per viewer and half-minute.
 * Throws as `verifyInternalIdentity` does; a refused token is not remembered.
 */
export function createIdentityVerifier(secret: string): (token: string) => Promise<InternalIdentity> {
  const verified = new Map<string, { identity: InternalIdentity; expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && known.expiresAt > Date.now()) {
      return known.identity;
    }
    const identity = await verifyInternalIdentity(token, secret);
    if (verified.size >= maxVerifiedTokens) {
      verified.clear();
    }
    verified.set(token, { identity, expiresAt: (decodeJwt(token).exp ?? 0) * 1000 });
    return identity;
  };
}
