import { z } from 'zod';

/**
 * How partner events travel to the alliance: `http` (the relay POSTs to `/ingest`; the default,
 * needing nothing but PostgreSQL) or `jetstream` (the relay publishes to NATS JetStream and the
 * alliance consumes durably; ADR 0021).
 */
export type EventTransportName = 'http' | 'jetstream';

export interface EventTransportSettings {
  readonly transport: EventTransportName;
  /** NATS server(s), comma-separated (`HUB_NATS_URL`). */
  readonly natsUrl: string;
  /** The stream's name (`HUB_NATS_STREAM`); its subjects are `<stream>.<kind>`. */
  readonly stream: string;
}

const settingsSchema = z.object({
  HUB_EVENT_TRANSPORT: z.enum(['http', 'jetstream'], { message: 'HUB_EVENT_TRANSPORT must be http or jetstream' }).default('http'),
  HUB_NATS_URL: z.string().min(1).default('nats://127.0.0.1:4222'),
  HUB_NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'HUB_NATS_STREAM must be 1–64 letters, digits, _ or -')
    .default('HUB_EVENTS'),
});

/** Reads the event transport's settings; throws a readable error naming each invalid variable. */
export function parseEventTransport(source: NodeJS.ProcessEnv = process.env): EventTransportSettings {
  const parsed = settingsSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const { HUB_EVENT_TRANSPORT, HUB_NATS_URL, HUB_NATS_STREAM } = parsed.data;
  return Object.freeze({ transport: HUB_EVENT_TRANSPORT, natsUrl: HUB_NATS_URL, stream: HUB_NATS_STREAM });
}
