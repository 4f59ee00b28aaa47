import { z } from 'zod';

/** Default secret shared by the gateway and subgraphs in development; set HUB_INTERNAL_SECRET in production. */
export const devInternalSecret = 'dev-internal-secret-change-me-0123456789';

/**
 * The environment every subgraph reads, parsed once into a frozen object.
 * `defaultPort` applies when `PORT` is unset; `DATABASE_URL` is required.
 * Throws a readable error naming each invalid variable, and with HUB_ENV=production when the
 * internal secret is still the development default.
 */
export function parseSubgraphEnv(defaultPort: number, source: NodeJS.ProcessEnv = process.env) {
  const schema = z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgres:// URL of this service’s database' }),
    HUB_INTERNAL_SECRET: z.string().min(32).default(devInternalSecret),
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
  if (parsed.data.HUB_ENV === 'production' && parsed.data.HUB_INTERNAL_SECRET === devInternalSecret) {
    throw new Error('Refusing to start in production with the development HUB_INTERNAL_SECRET');
  }
  return Object.freeze(parsed.data);
}
export type SubgraphEnv = ReturnType<typeof parseSubgraphEnv>;
