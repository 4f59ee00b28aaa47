import { anonymousViewer, type Role, type Viewer } from '@hub/contracts';
import { createRemoteJWKSet, decodeJwt, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import type { DemoUser } from './demo-users.ts';
import type { GatewayEnv } from './env.ts';

const roles: readonly Role[] = ['coordinator', 'partner_editor', 'viewer'];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A claim subgraphs store (the actor's name in histories): 1-200 characters PostgreSQL takes (no NUL, no lone surrogate). */
function storableText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 && !value.includes('\u0000') && !/\p{Cs}/u.test(value);
}

export class AuthError extends Error {}

/** Verifies users' JWTs: with a JWKS URL when configured (production), else the HS256 secret. */
export function createAuthenticator(env: GatewayEnv) {
  const jwks: JWTVerifyGetKey | null = env.HUB_JWKS_URL ? createRemoteJWKSet(new URL(env.HUB_JWKS_URL)) : null;
  const secret = new TextEncoder().encode(env.HUB_JWT_SECRET);
  const options = { issuer: env.HUB_JWT_ISSUER, audience: env.HUB_JWT_AUDIENCE };

  /**
   * The viewer of a request: anonymous without a token; throws AuthError for a token that is
   * malformed, expired, wrongly signed, or whose role claims are invalid.
   */
  return async function authenticate(authorization: string | undefined | null): Promise<Viewer> {
    if (!authorization) {
      return anonymousViewer;
    }
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
    if (!token) {
      throw new AuthError('The Authorization header must be "Bearer <token>"');
    }
    let payload: Record<string, unknown>;
    try {
      payload = (jwks ? await jwtVerify(token, jwks, options) : await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }))
        .payload;
    } catch (error) {
      throw new AuthError(`The token is not valid: ${(error as Error).message}`);
    }
    // jose checks `exp` only when present; a token without one would be valid forever.
    if (typeof payload.exp !== 'number') {
      throw new AuthError('The token has no expiry time (exp); sign in again for a token that expires');
    }
    const role = payload.role as Role;
    if (!roles.includes(role) || !storableText(payload.sub)) {
      throw new AuthError('The token has no valid subject or role');
    }
    if (role === 'partner_editor' && !(typeof payload.partnerId === 'string' && uuidPattern.test(payload.partnerId))) {
      throw new AuthError('A partner editor’s token must name its partnerId (a UUID)');
    }
    if (payload.name !== undefined && !storableText(payload.name)) {
      throw new AuthError('The token’s name must be text of 1 to 200 characters');
    }
    return {
      subject: payload.sub,
      role,
      ...(role === 'partner_editor' ? { partnerId: payload.partnerId as string } : {}),
      ...(payload.name !== undefined ? { name: payload.name } : {}),
    };
  };
}
export type Authenticate = ReturnType<typeof createAuthenticator>;

/** Mints an HS256 token for a demo identity (development only): subject its id, its role, name and partner. */
export async function mintDemoToken(env: GatewayEnv, identity: DemoUser, lifetime = '12h'): Promise<string> {
  return new SignJWT({ role: identity.role, name: identity.name, ...(identity.partnerId ? { partnerId: identity.partnerId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.id)
    .setIssuer(env.HUB_JWT_ISSUER)
    .setAudience(env.HUB_JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(new TextEncoder().encode(env.HUB_JWT_SECRET));
}

/**
 * When a bearer token expires (epoch ms), read without verifying: only for a token that
 * `authenticate` has accepted already (the live layer closes its socket then).
 */
export function tokenExpiresAt(authorization: string | undefined | null): number | null {
  const token = authorization ? /^Bearer\s+(.+)$/i.exec(authorization)?.[1] : undefined;
  if (!token) {
    return null;
  }
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
