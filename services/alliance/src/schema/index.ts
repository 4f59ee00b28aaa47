import { kindTypePrefix, PartnerKind } from '@hub/contracts';
import { buildFederatedSchema } from '@hub/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { AllianceContext } from '../context.ts';
import { ActivityRefResolver, AllianceResolver, ConnectionFields } from './alliance.resolver.ts';
import { CoordinatorResolver } from './coordinator.resolver.ts';
import { ActivityChangeFields, ListChangeFields, LiveResolver, StatsChangeFields } from './live.resolver.ts';
import { entityStubs } from './types.ts';

/**
 * Activity stubs resolve to their index row, which carries invitations and linked items; an
 * activity the index has not received yet (just created) has none so far.
 */
const activityReferences = Object.fromEntries(
  Object.values(PartnerKind).map((kind) => [
    `${kindTypePrefix[kind]}Activity`,
    {
      __resolveReference: async (ref: { id: string }, ctx: AllianceContext) =>
        (await ctx.loaders.activity.load(ref.id)) ?? { id: ref.id, kind, invitedPartnerIds: [], advancedCommitmentIds: [] },
    },
  ]),
);

/** The alliance subgraph's federated schema. */
export function buildAllianceSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      AllianceResolver,
      ActivityRefResolver,
      ConnectionFields,
      CoordinatorResolver,
      LiveResolver,
      ListChangeFields,
      ActivityChangeFields,
      StatsChangeFields,
    ],
    orphanedTypes: entityStubs,
    referenceResolvers: {
      Alliance: { __resolveReference: (ref: { id: string }, ctx: AllianceContext) => ctx.loaders.alliance.load(ref.id) },
      ...activityReferences,
    },
  });
}
