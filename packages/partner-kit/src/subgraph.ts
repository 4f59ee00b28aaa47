import {
  Attendance,
  CommitmentChange,
  Evidence,
  Figure,
  HelpAmount,
  ItemChange,
  openServiceKeys,
  PartyMember,
  ProgressReport,
} from '@hub/contracts';
import { createEventPublisher, parseEventTransport } from '@hub/event-stream';
import { log } from '@hub/http/log';
import {
  backgroundFork,
  buildFederatedSchema,
  closeOnSignal,
  databaseReadiness,
  forkForRequest,
  gatewayTrust,
  openOrm,
  parseSubgraphEnv,
  type RunningServer,
  registerOrmMetrics,
  startSubgraphServer,
} from '@hub/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { z } from 'zod';
import { registerAssignmentMetrics, startAssignmentPuller } from './assignments.ts';
import { createPartnerLoaders, type PartnerContext, type PartnerRuntime } from './context.ts';
import { defineCommitmentEntity, partnerEntities } from './entities.ts';
import { httpTransport, jetStreamTransport } from './event-transports.ts';
import { MembershipDirectory } from './memberships.ts';
import { registerRelayMetrics, startOutboxRelay } from './relay.ts';
import { createPartnerResolvers } from './resolvers.ts';
import { type PartnerSeed, seedPartnerData } from './seed.ts';
import type { PartnerKindSpec } from './spec.ts';

/** Builds a partner kind's federated schema (no database needed: used to emit the SDL). */
export function buildPartnerSchema(spec: PartnerKindSpec): Promise<GraphQLSchema> {
  const { resolvers, referenceResolvers } = createPartnerResolvers(spec);
  return buildFederatedSchema({
    resolvers: [...resolvers],
    orphanedTypes: [
      ...Object.values(spec.types),
      Attendance,
      CommitmentChange,
      Evidence,
      Figure,
      HelpAmount,
      ItemChange,
      PartyMember,
      ProgressReport,
    ],
    referenceResolvers,
  });
}

/**
 * A partner subgraph's environment: the common subgraph variables plus `ALLIANCE_INTERNAL_URL`
 * (default http://127.0.0.1:4001), the alliance subgraph's base URL for outbox delivery
 * (`/ingest`), membership checks (`/members`) and project assignments (`/assignments`), and the
 * event transport (`HUB_EVENT_TRANSPORT`, `HUB_NATS_URL`, `HUB_NATS_STREAM`: HTTP by default).
 */
export function parsePartnerEnv(defaultPort: number, source: NodeJS.ProcessEnv = process.env) {
  const env = parseSubgraphEnv(defaultPort, source);
  if (env.HUB_ENV === 'production' && !env.HUB_SIGNING_KEYS) {
    throw new Error('Refusing to start in production: set HUB_SIGNING_KEYS to this partner subgraph’s own key file');
  }
  return Object.freeze({
    ...env,
    ALLIANCE_INTERNAL_URL: z.string().url().default('http://127.0.0.1:4001').parse(source.ALLIANCE_INTERNAL_URL),
    events: parseEventTransport(source),
  });
}
export type PartnerEnv = ReturnType<typeof parsePartnerEnv>;

export interface PartnerSubgraphOptions {
  readonly env: PartnerEnv;
  /** Demo data written when the database is empty; omit to start empty. */
  readonly seed?: PartnerSeed;
}

export interface PartnerSubgraph {
  readonly server: RunningServer;
  close(): Promise<void>;
}

/**
 * Starts a partner subgraph: opens and migrates its database, seeds it when empty, starts the
 * outbox relay and the project-assignment puller and serves GraphQL. `close()` stops the puller,
 * the relay, the server and the pool, in order.
 */
export async function createPartnerSubgraph(spec: PartnerKindSpec, options: PartnerSubgraphOptions): Promise<PartnerSubgraph> {
  const commitmentEntity = defineCommitmentEntity(spec.commitmentColumns);
  // The relay's own keys (before the database, so production without them stops at once): the
  // alliance accepts its deliveries only with a key this kind publishes.
  const keys = await openServiceKeys(spec.subgraph, options.env.HUB_SIGNING_KEYS, options.env.HUB_ENV, (message) =>
    log.warn({ component: 'keys' }, message),
  );
  const signer = { issuer: spec.subgraph, keys };
  const database = await openOrm({
    databaseUrl: options.env.DATABASE_URL,
    entities: partnerEntities(commitmentEntity),
    migrations: spec.migrations,
    printQueries: options.env.HUB_DEBUG_SQL,
  });
  const { orm } = database;
  if (options.seed) {
    await seedPartnerData(backgroundFork(orm), spec.kind, commitmentEntity, options.seed);
  }
  const { events } = options.env;
  const publisher =
    events.transport === 'jetstream'
      ? createEventPublisher({ natsUrl: events.natsUrl, stream: events.stream, name: `relay:${spec.subgraph}` })
      : null;
  const relay = startOutboxRelay({
    orm,
    transport: publisher ? jetStreamTransport(publisher, signer) : httpTransport(`${options.env.ALLIANCE_INTERNAL_URL}/ingest`, signer),
    subgraph: spec.subgraph,
  });
  const assignments = startAssignmentPuller({
    orm,
    allianceUrl: options.env.ALLIANCE_INTERNAL_URL,
    signer,
    subgraph: spec.subgraph,
    commitmentEntity,
    creationDefaults: spec.creationDefaults,
  });
  const runtime: PartnerRuntime = {
    kind: spec.kind,
    name: spec.subgraph,
    commitmentEntity,
    creationDefaults: spec.creationDefaults,
    memberships: new MembershipDirectory(`${options.env.ALLIANCE_INTERNAL_URL}/members`, signer),
    nudgeRelay: relay.nudge,
  };
  const schema = await buildPartnerSchema(spec);
  const server = await startSubgraphServer<PartnerContext>({
    name: spec.subgraph,
    schema,
    port: options.env.PORT,
    host: options.env.HOST,
    trustedIssuers: gatewayTrust(options.env),
    publicKeys: () => keys.publicKeys(),
    mode: options.env.HUB_ENV,
    createContext: ({ viewer }) => ({
      ...forkForRequest(orm, (em) => createPartnerLoaders(em, commitmentEntity)),
      viewer,
      runtime,
    }),
    metrics: (registry) => {
      registerOrmMetrics(registry, database);
      registerRelayMetrics(registry, orm, relay);
      registerAssignmentMetrics(registry, assignments);
    },
    readiness: databaseReadiness(database),
  });
  return {
    server,
    async close() {
      await assignments.stop();
      await relay.stop();
      await publisher?.close();
      await server.close();
      await orm.close();
    },
  };
}

/**
 * The whole bootstrap of a partner service: parse the environment (`PORT` defaulting to
 * `defaultPort`), start the subgraph (seeding `seed` when `HUB_SEED=demo`), print its URL and
 * close it cleanly on SIGINT/SIGTERM.
 */
export async function runPartnerService(spec: PartnerKindSpec, options: { defaultPort: number; seed: PartnerSeed }): Promise<void> {
  const env = parsePartnerEnv(options.defaultPort);
  const subgraph = await createPartnerSubgraph(spec, { env, seed: process.env.HUB_SEED === 'demo' ? options.seed : undefined });
  log.info(`${spec.subgraph} subgraph ready at ${subgraph.server.url}`);
  closeOnSignal(() => subgraph.close());
}
