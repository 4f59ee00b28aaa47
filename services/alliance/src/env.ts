import type { KindDefinition } from '@hub/kinds';
import { parseSubgraphEnv } from '@hub/subgraph-kit';
import { z } from 'zod';

/** The alliance subgraph's environment (see README). */
export const env = parseSubgraphEnv(4001);

/** The alliance's development port: a kind's `{port}` is its development port shifted as this PORT is from it. */
const devAlliancePort = 4001;

/**
 * Where each partner kind's subgraph publishes its relay's public keys (HUB_KIND_KEYS_URL_TEMPLATE):
 * `{name}` the kind's name, `{port}` its port in a stack laid out like the development one around
 * this alliance. Only a key published there is accepted for that kind's deliveries. Production
 * sets it (e.g. `https://{name}.partners.example/.well-known/jwks.json`).
 */
const kindKeysUrlTemplate = z
  .string()
  .regex(/\{(name|port)\}/, 'HUB_KIND_KEYS_URL_TEMPLATE must contain {name} or {port}')
  .default('http://127.0.0.1:{port}/.well-known/jwks.json')
  .parse(process.env.HUB_KIND_KEYS_URL_TEMPLATE);
if (env.HUB_ENV === 'production' && !process.env.HUB_KIND_KEYS_URL_TEMPLATE) {
  throw new Error('Refusing to start in production: set HUB_KIND_KEYS_URL_TEMPLATE to where each kind publishes its keys');
}

/** The JWKS URL of one kind's relay keys. */
export function kindKeysUrl(kind: KindDefinition): string {
  const port = kind.port + env.PORT - devAlliancePort;
  return kindKeysUrlTemplate.replaceAll('{name}', kind.name).replaceAll('{port}', String(port));
}

/** How often the reminder sweep runs, in ms (`HUB_REMINDER_SWEEP_MS`, default a minute; 0: never). */
export const reminderSweepMs = z.coerce
  .number({ message: 'HUB_REMINDER_SWEEP_MS must be a number of milliseconds' })
  .int()
  .min(0)
  .default(60_000)
  .parse(process.env.HUB_REMINDER_SWEEP_MS);
