import { z } from 'zod';
import { templateProblem } from './subgraph-urls.ts';

/** Development default; production sets HUB_JWKS_URL (or its own HUB_JWT_SECRET) and HUB_SIGNING_KEYS. */
export const devJwtSecret = 'dev-jwt-secret-for-demo-tokens-only-0123456789';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('127.0.0.1'),
  /**
   * Unset: each subgraph at the URL the supergraph composed for it. Set: every subgraph's URL,
   * `{name}` its name and `{port}` its port around a gateway on PORT (see subgraph-urls.ts).
   */
  HUB_SUBGRAPH_URL_TEMPLATE: z
    .string()
    .optional()
    .superRefine((template, context) => {
      const problem = template === undefined ? null : templateProblem(template);
      if (problem) {
        context.addIssue({ code: 'custom', message: problem });
      }
    }),
  /**
   * The gateway's private key file (JWK Set, Ed25519; the first key signs the identities it
   * forwards, all are published at /.well-known/jwks.json). Unset in development: generated
   * into .data/keys/gateway.jwks.json on first start.
   */
  HUB_SIGNING_KEYS: z.string().min(1).optional(),
  HUB_JWT_SECRET: z.string().min(32).default(devJwtSecret),
  HUB_JWKS_URL: z.string().url().optional(),
  HUB_JWT_ISSUER: z.string().default('party-alliance-hub'),
  HUB_JWT_AUDIENCE: z.string().default('party-alliance-hub'),
  HUB_DEMO_LOGIN: z
    .enum(['0', '1'])
    .default('1')
    .transform((v) => v === '1'),
  HUB_MAX_TOKENS: z.coerce.number().int().positive().default(5000),
  HUB_MAX_FRAGMENTS: z.coerce.number().int().positive().default(50),
  HUB_MAX_FIELDS: z.coerce.number().int().positive().default(300),
  HUB_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  HUB_MAX_ALIASES: z.coerce.number().int().positive().default(30),
  HUB_MAX_COST: z.coerce.number().int().positive().default(50_000),
  HUB_MAX_BODY_BYTES: z.coerce.number().int().positive().default(100_000),
  HUB_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** Redis shared by every gateway replica: the rate limits are then one bucket per caller across them. */
  HUB_REDIS_URL: z.string().url().optional(),
  /** Prefix of the rate-limit keys in Redis (several hubs may share one Redis). */
  HUB_REDIS_PREFIX: z.string().min(1).default('hub:rate:'),
  HUB_ENV: z.enum(['development', 'production']).default('development'),
  HUB_WEB_DIST: z.string().optional(),
  HUB_SUPERGRAPH_PATH: z.string().optional(),
  HUB_SUPERGRAPH_CHECK: z
    .enum(['0', '1'])
    .default('1')
    .transform((v) => v === '1'),
  HUB_LIVE_QUEUE: z.coerce.number().int().positive().default(256),
  /** Identical reads in flight at once share one execution (same document, variables, visibility). */
  HUB_SHARE_IN_FLIGHT: z.enum(['on', 'off']).default('on'),
  /** Published answers are kept until an event of their alliance drops them (needs HUB_SHARE_IN_FLIGHT=on). */
  HUB_RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  HUB_RESPONSE_CACHE_MB: z.coerce.number().positive().default(64),
  HUB_RESPONSE_CACHE_MAX_AGE_S: z.coerce.number().int().positive().default(300),
});

export type GatewayEnv = Readonly<z.infer<typeof schema>>;

/** What a production gateway (HUB_ENV=production) must not run with. */
function productionProblems(env: z.infer<typeof schema>): string[] {
  const problems: string[] = [];
  if (!env.HUB_SIGNING_KEYS) {
    problems.push('set HUB_SIGNING_KEYS to the gateway’s own key file');
  }
  if (!env.HUB_JWKS_URL && env.HUB_JWT_SECRET === devJwtSecret) {
    problems.push('set HUB_JWKS_URL (or a HUB_JWT_SECRET of your own)');
  }
  if (env.HUB_DEMO_LOGIN) {
    problems.push('HUB_DEMO_LOGIN must be 0');
  }
  if (!env.HUB_SUPERGRAPH_CHECK) {
    problems.push('HUB_SUPERGRAPH_CHECK must be 1 (a supergraph is applied only once its subgraphs serve it)');
  }
  return problems;
}

/**
 * Parses the gateway's environment once; throws naming every invalid variable, and, with
 * HUB_ENV=production, when a development secret or the demo sign-in is still in place.
 */
export function parseGatewayEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (parsed.data.PORT === 0 && parsed.data.HUB_SUBGRAPH_URL_TEMPLATE?.includes('{port}')) {
    throw new Error('Invalid environment: HUB_SUBGRAPH_URL_TEMPLATE: {port} needs a fixed PORT (not 0)');
  }
  const problems = parsed.data.HUB_ENV === 'production' ? productionProblems(parsed.data) : [];
  if (problems.length > 0) {
    throw new Error(`Refusing to start in production: ${problems.join('; ')}`);
  }
  return Object.freeze(parsed.data);
}
