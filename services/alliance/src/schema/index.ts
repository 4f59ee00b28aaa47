import { buildFederatedSchema } from '@hub/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import type { AllianceContext } from '../context.ts';
import { federatedKinds } from '../kinds.ts';
import { AllianceOverviewFields } from '../overview/overview.resolver.ts';
import { AccountsResolver } from './accounts.resolver.ts';
import { ActivityRefResolver, AllianceResolver, ConnectionFields } from './alliance.resolver.ts';
import { AllianceImportResolver } from './alliance-import.resolver.ts';
import {
  AllianceCobuildFields,
  ClaimFields,
  CobuildChangeFields,
  CobuildResolver,
  NeedFields,
  ProjectFields,
  ResourceFields,
} from './cobuild.resolver.ts';
import { cobuildStubs } from './cobuild.types.ts';
import { CoordinatorResolver } from './coordinator.resolver.ts';
import { FeedResolver } from './feed.resolver.ts';
import { KindsResolver } from './kinds.resolver.ts';
import { CommitmentLedgerFields, LightThresholdsResolver } from './ledger.resolver.ts';
import { ActivityChangeFields, ListChangeFields, LiveResolver, StatsChangeFields } from './live.resolver.ts';
import { CommitmentReminderFields, ReminderChangeFields, ReminderResolver } from './reminders.resolver.ts';
import { entityStubs } from './types.ts';

/**
 * Activity stubs resolve to their index row, which carries invitations and linked items; an
 * activity the index has not received yet (just created) has none so far.
 */
const activityReferences = Object.fromEntries(
  federatedKinds.map(({ kind, typePrefix }) => [
    `${typePrefix}Activity`,
    {
      __resolveReference: async (ref: { id: string }, ctx: AllianceContext) =>
        (await ctx.loaders.activity.load(ref.id)) ?? { id: ref.id, kind, invitedPartnerIds: [], advancedCommitmentIds: [] },
    },
  ]),
);

/**
 * Commitment stubs resolve to their index row, which carries the light the alliance adds to each
 * item; an item not on the list (a draft) has none.
 */
const commitmentReferences = Object.fromEntries(
  federatedKinds.map(({ kind, typePrefix }) => [
    `${typePrefix}Commitment`,
    {
      __resolveReference: async (ref: { id: string }, ctx: AllianceContext) =>
        (await ctx.loaders.commitment.load(ref.id)) ?? { id: ref.id, kind, light: null, lightReason: null },
    },
  ]),
);

/**
 * Need and resource stubs resolve to their index row (its stage, whether in the claim hall); one
 * the index has not received (a draft) is not on the list: no stage, no claims, no matches.
 */
const cobuildReferences = Object.fromEntries(
  federatedKinds.flatMap(({ kind, typePrefix }) => [
    [
      `${typePrefix}Need`,
      {
        __resolveReference: async (ref: { id: string }, ctx: AllianceContext) =>
          (await ctx.loaders.need.load(ref.id)) ?? { id: ref.id, kind, stage: null, inClaimHall: false },
      },
    ],
    [
      `${typePrefix}Resource`,
      {
        __resolveReference: async (ref: { id: string }, ctx: AllianceContext) =>
          (await ctx.loaders.resource.load(ref.id)) ?? { id: ref.id, kind },
      },
    ],
  ]),
);

/** The alliance subgraph's federated schema. */
export function buildAllianceSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      AccountsResolver,
      AllianceResolver,
      AllianceImportResolver,
      ActivityRefResolver,
      ConnectionFields,
      CommitmentLedgerFields,
      CommitmentReminderFields,
      CoordinatorResolver,
      FeedResolver,
      KindsResolver,
      LightThresholdsResolver,
      LiveResolver,
      ListChangeFields,
      ActivityChangeFields,
      StatsChangeFields,
      ReminderResolver,
      ReminderChangeFields,
      AllianceCobuildFields,
      CobuildResolver,
      NeedFields,
      ResourceFields,
      ClaimFields,
      ProjectFields,
      CobuildChangeFields,
      AllianceOverviewFields,
    ],
    orphanedTypes: [...entityStubs, ...cobuildStubs],
    referenceResolvers: {
      Alliance: { __resolveReference: (ref: { id: string }, ctx: AllianceContext) => ctx.loaders.alliance.load(ref.id) },
      ...activityReferences,
      ...commitmentReferences,
      ...cobuildReferences,
    },
  });
}
