import { gatewayIssuer, remoteKeySet, type TrustedIssuers } from '@hub/contracts';
import { z } from 'zod';

/**
 * The environment every subgraph reads, parsed once into a frozen object.
 * `defaultPort` applies when `PORT` is unset; `DATABASE_URL` is required.
 * Throws a readable error naming each invalid variable, and with HUB_ENV=production when the
 * gateway's keys are not explicitly located (the development default is a local gateway).
 */
export function parseSubgraphEnv(defaultPort: number, source: NodeJS.ProcessEnv = process.env) {
  const schema = z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgres:// URL of this service’s database' }),
    /** Where the gateway publishes the public keys of the identities it forwards (JWKS). */
    HUB_GATEWAY_KEYS_URL: z.string().url().default('http://127.0.0.1:4000/.well-known/jwks.json'),
    /** How long fetched public keys are kept before they are fetched again (an unknown kid fetches at once). */
    HUB_KEYS_REFRESH_S: z.coerce.number().int().positive().default(300),
    /** This subgraph's own private key file, for what it signs (a partner's relay). Development: .data/keys/<name>.jwks.json. */
    HUB_SIGNING_KEYS: z.string().min(1).optional(),
    HUB_ENV: z.enum(['development', 'production']).default('development'),
    HUB_DEBUG_SQL: z
      .enum(['0', '1'])
      .default('0')
      .transform((value) => value === '1'),
  });
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  if (parsed.data.HUB_ENV === 'production' && !source.HUB_GATEWAY_KEYS_URL) {
    throw new Error('Refusing to start in production: set HUB_GATEWAY_KEYS_URL to the gateway’s JWKS URL');
  }
  return Object.freeze(parsed.data);
}
export type SubgraphEnv = ReturnType<typeof parseSubgraphEnv>;

/** Trust in the gateway alone, with the keys it publishes: what a partner subgraph believes. */
export function gatewayTrust(env: SubgraphEnv): TrustedIssuers {
  return new Map([[gatewayIssuer, remoteKeySet(env.HUB_GATEWAY_KEYS_URL, env.HUB_KEYS_REFRESH_S * 1000)]]);
}
