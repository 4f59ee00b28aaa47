import { decodeJwt, decodeProtectedHeader, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import type { Role, Viewer } from './identity.ts';
import { type KeyRing, signingAlgorithm } from './signing-keys.ts';

const roles: readonly Role[] = ['coordinator', 'partner_editor', 'viewer', 'anonymous'];

/** The issuer of the identities the gateway forwards; a partner subgraph's relay issues under its subgraph's name. */
export const gatewayIssuer = 'gateway';

/** Where an internal identity comes from: the gateway, or a partner's outbox relay. */
export interface InternalIdentity {
  readonly viewer: Viewer;
  /** `gateway` for user calls; `relay:<subgraph>` for a partner subgraph's deliveries and requests. */
  readonly caller: string;
}

/** Who signs: an issuer name and its own keys. */
export interface InternalSigner {
  readonly issuer: string;
  readonly keys: KeyRing;
}

/** Issuer → its public keys: whom a service believes, each only with that issuer's own keys. */
export type TrustedIssuers = ReadonlyMap<string, JWTVerifyGetKey>;

/** The caller an issuer speaks as: the gateway, or a partner subgraph's relay. */
function callerOf(issuer: string): string {
  return issuer === gatewayIssuer ? gatewayIssuer : `relay:${issuer}`;
}

/**
 * Signs an identity for one subgraph (`audience`): an EdDSA JWT with a one-minute lifetime and
 * the signing key's `kid`. Only that subgraph accepts it, so a subgraph that receives it cannot
 * replay it at another.
 */
export async function signInternalIdentity(viewer: Viewer, signer: InternalSigner, audience: string): Promise<string> {
  const key = await signer.keys.signing();
  return new SignJWT({ role: viewer.role, pid: viewer.partnerId, name: viewer.name })
    .setProtectedHeader({ alg: signingAlgorithm, kid: key.kid })
    .setSubject(viewer.subject)
    .setIssuer(signer.issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key.privateKey);
}

/** A token refused for what it says (issuer, algorithm, role), not for keys that could not be had. */
export class UntrustedIdentityError extends Error {}

/**
 * Verifies an internal identity token addressed to `audience`: signed by an issuer in `trusted`
 * with one of that issuer's keys, unexpired, with a valid role. Throws otherwise; callers turn
 * that into UNAUTHENTICATED. The caller is the issuer's, never a claim of the token. `at` is the
 * moment the token was presented, now unless given: a JetStream message is judged as of when
 * the stream stored it, since the alliance may read it long after (ADR 0021).
 */
export async function verifyInternalIdentity(
  token: string,
  audience: string,
  trusted: TrustedIssuers,
  at?: Date,
): Promise<InternalIdentity> {
  const { alg } = decodeProtectedHeader(token);
  const { iss } = decodeJwt(token);
  const keys = typeof iss === 'string' ? trusted.get(iss) : undefined;
  if (alg !== signingAlgorithm || !keys) {
    throw new UntrustedIdentityError('identity token from an issuer this service does not trust');
  }
  const { payload } = await jwtVerify(token, keys, {
    issuer: iss,
    audience,
    algorithms: [signingAlgorithm],
    requiredClaims: ['exp', 'iat', 'sub'],
    ...(at ? { currentDate: at } : {}),
  });
  if (iss !== gatewayIssuer) {
    // A relay speaks for its subgraph alone: whatever role or partner its token claims, it is no user.
    return { viewer: { subject: `relay:${iss}`, role: 'viewer' }, caller: callerOf(iss as string) };
  }
  const role = payload.role as Role;
  if (!roles.includes(role) || typeof payload.sub !== 'string') {
    throw new UntrustedIdentityError('identity token has no valid subject or role');
  }
  const viewer: Viewer = {
    subject: payload.sub,
    role,
    ...(typeof payload.pid === 'string' ? { partnerId: payload.pid } : {}),
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
  };
  return { viewer, caller: callerOf(iss as string) };
}

/** Verified tokens remembered at most; beyond, the table starts again (tokens are then verified anew). */
const maxVerifiedTokens = 10_000;

/**
 * `verifyInternalIdentity` for one service, verifying each token once: a token verified before
 * gives the same identity until it expires. The gateway reuses a viewer's token for 30 s, so the
 * signature check (a fixed cost of every subgraph call) is done about once per viewer and half-minute;
 * a relay signs one token per batch it publishes. `at` as `verifyInternalIdentity`'s.
 * Throws as `verifyInternalIdentity` does; a refused token is not remembered.
 */
export function createIdentityVerifier(audience: string, trusted: TrustedIssuers): (token: string, at?: Date) => Promise<InternalIdentity> {
  const verified = new Map<string, { identity: InternalIdentity; expiresAt: number }>();
  return async (token, at) => {
    const known = verified.get(token);
    if (known && known.expiresAt > (at ?? new Date()).getTime()) {
      return known.identity;
    }
    const identity = await verifyInternalIdentity(token, audience, trusted, at);
    if (verified.size >= maxVerifiedTokens) {
      verified.clear();
    }
    verified.set(token, { identity, expiresAt: (decodeJwt(token).exp ?? 0) * 1000 });
    return identity;
  };
}
