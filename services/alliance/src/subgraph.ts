import { assignmentRoutes } from '@hub/cobuild';
import { parseEventTransport } from '@hub/event-stream';
import { logger } from '@hub/http/log';
import {
  backgroundFork,
  databaseReadiness,
  forkForRequest,
  openOrm,
  type RunningServer,
  type SubgraphEnv,
  startSubgraphServer,
} from '@hub/subgraph-kit';
import { createAccountsRoute } from './accounts.ts';
import { createAssignmentsAckRoute, createAssignmentsRoute } from './cobuild/assignments.ts';
import { type AllianceContext, createAllianceLoaders } from './context.ts';
import { allianceEntities } from './entities.ts';
import { type EventConsumer, registerEventConsumerMetrics, startEventConsumer } from './event-consumer.ts';
import { EventHub } from './event-hub.ts';
import { createIngestRoute, createMembersRoute, type IngestStats, pruneOldEvents } from './ingest.ts';
import { registerAllianceMetrics } from './metrics.ts';
import { migrations } from './migrations/index.ts';
import { seedMemberLocations } from './overview/member-locations.ts';
import { scheduleReminderSweep } from './reminder-sweep.ts';
import { buildAllianceSchema } from './schema/index.ts';
import { seedAccounts, seedAlliances } from './seed.ts';
import { allianceTrust } from './trust.ts';

const log = logger('alliance');

export interface AllianceSubgraph {
  readonly server: RunningServer;
  close(): Promise<void>;
}

export interface AllianceOptions {
  /** Seed the demo alliances into an empty database. */
  seed?: boolean;
  /** Milliseconds between reminder and claim-hall sweeps; 0 or unset: none. */
  reminderSweepMs?: number;
}

/**
 * Starts the alliance subgraph: migrates its database, seeds the demo alliances (and the demo
 * editor accounts) when asked and empty and the demo members' locations where missing, listens
 * for its own events, serves GraphQL (HTTP and WebSocket), `/ingest`, `/members`, `/accounts`
 * and the project-assignment routes (`/assignments`, `/assignments/ack`), consumes partner
 * events from NATS JetStream when `HUB_EVENT_TRANSPORT=jetstream` (ADR 0021), and sweeps for
 * reminders (督办) and the claim hall every `reminderSweepMs`.
 */
export async function createAllianceSubgraph(env: SubgraphEnv, options: AllianceOptions = {}): Promise<AllianceSubgraph> {
  const database = await openOrm({
    databaseUrl: env.DATABASE_URL,
    entities: allianceEntities,
    migrations,
    printQueries: env.HUB_DEBUG_SQL,
  });
  const { orm } = database;
  if (options.seed) {
    await seedAlliances(backgroundFork(orm));
    await seedAccounts(backgroundFork(orm));
    await seedMemberLocations(backgroundFork(orm));
  }
  const events = new EventHub(orm, env.DATABASE_URL);
  await events.start();
  const ingested: IngestStats = { applied: 0, duplicates: 0, stale: 0, rejected: 0 };
  const trust = allianceTrust(env);
  const transport = parseEventTransport();
  // `/ingest` stays open with JetStream too: a partner still on HTTP delivers there meanwhile.
  const consumer: EventConsumer | null =
    transport.transport === 'jetstream'
      ? startEventConsumer({ orm, databaseUrl: env.DATABASE_URL, settings: transport, trust, totals: ingested })
      : null;
  const server = await startSubgraphServer<AllianceContext>({
    name: 'alliance',
    schema: await buildAllianceSchema(),
    port: env.PORT,
    host: env.HOST,
    trustedIssuers: trust,
    mode: env.HUB_ENV,
    createContext: ({ viewer }) => ({ ...forkForRequest(orm, createAllianceLoaders), viewer, events }),
    routes: {
      '/ingest': createIngestRoute(orm, ingested),
      '/members': createMembersRoute(orm),
      '/accounts': createAccountsRoute(orm),
      [assignmentRoutes.pending]: createAssignmentsRoute(orm),
      [assignmentRoutes.ack]: createAssignmentsAckRoute(orm),
    },
    metrics: (registry) => {
      registerAllianceMetrics(registry, database, ingested, events);
      if (consumer) {
        registerEventConsumerMetrics(registry, consumer);
      }
    },
    readiness: databaseReadiness(database),
  });
  const pruning = setInterval(() => {
    pruneOldEvents(orm).catch((error: unknown) => log.warn({ err: error }, 'pruning old events failed'));
  }, 3_600_000);
  pruning.unref();
  const sweep = scheduleReminderSweep(orm, options.reminderSweepMs ?? 0);
  return {
    server,
    async close() {
      clearInterval(pruning);
      await sweep.stop();
      await consumer?.stop();
      await server.close();
      await events.stop();
      await orm.close();
    },
  };
}
