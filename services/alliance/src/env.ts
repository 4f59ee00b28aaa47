import { parseSubgraphEnv } from '@hub/subgraph-kit';
import { z } from 'zod';

/** The alliance subgraph's environment (see README). */
export const env = parseSubgraphEnv(4001);

/** How often the reminder sweep runs, in ms (`HUB_REMINDER_SWEEP_MS`, default a minute; 0: never). */
export const reminderSweepMs = z.coerce
  .number({ message: 'HUB_REMINDER_SWEEP_MS must be a number of milliseconds' })
  .int()
  .min(0)
  .default(60_000)
  .parse(process.env.HUB_REMINDER_SWEEP_MS);
