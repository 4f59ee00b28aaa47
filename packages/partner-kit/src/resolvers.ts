import {
  ActivityInput,
  AttendanceInput,
  CommitmentChange,
  CommitmentStatus,
  Partner,
  type PartnerKind,
  PartnerKindScalar,
  PartyBranch,
  PartyGroup,
  PartyMember,
  ProgressInput,
  ProgressReport,
} from '@hub/contracts';
import { kindNames } from '@hub/kinds';
import { assertId, forbidden } from '@hub/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { createActivity, recordAttendance, updateActivity } from './activities.ts';
import { createBranch, updateBranch, upsertGroup } from './branches.ts';
import { createCobuildResolvers } from './cobuild-resolvers.ts';
import {
  type CommitmentFields,
  completeCommitment,
  createCommitment,
  publishCommitment,
  reportProgress,
  updateCommitment,
  withdrawCommitment,
} from './commitments.ts';
import { editorPartnerId, isEditorOf, type PartnerContext } from './context.ts';
import { Activity, type ActivityRow, type BranchRow, type CommitmentRow, Partner as PartnerEntity, type PartnerRow } from './entities.ts';
import { CommitmentImportReport, commitmentImportRow, type ImportRowValue, importCommitments } from './imports.ts';
import { registerPartner } from './partners.ts';
import type { PartnerKindSpec } from './spec.ts';
import { BranchInput, GroupInput, PartnerRegistrationInput } from './types.ts';

/** Drafts are private to their partner's editors; everything else is public to the alliance. */
export function visibleCommitment(row: CommitmentRow | null, ctx: PartnerContext): CommitmentRow | null {
  if (!row) {
    return null;
  }
  return row.status !== CommitmentStatus.DRAFT || isEditorOf(ctx.viewer, row.partnerId) ? row : null;
}

/**
 * The GraphQL resolvers of a partner subgraph: the `<kind>` query and mutation namespaces,
 * relation fields (each through a per-request DataLoader) and entity reference resolvers;
 * needs and resources (三张清单) in `cobuild-resolvers.ts`.
 */
export function createPartnerResolvers(spec: PartnerKindSpec) {
  const { Partner: PartnerType, Branch: BranchType, Commitment: CommitmentType, Activity: ActivityClass } = spec.types;
  const prefix = kindNames(spec.definition.name).typePrefix;
  const ImportRow = commitmentImportRow(spec);
  const commitmentFields = (input: Record<string, unknown>): CommitmentFields => {
    const { title, description, category, startDate, dueDate, branchId, ...rest } = input as CommitmentFields & Record<string, unknown>;
    return { title, description, category, startDate, dueDate, branchId, extra: spec.extraColumns(rest) };
  };

  @ObjectType(`${prefix}Queries`, { description: `Reads of the ${spec.subgraph} subgraph` })
  class Queries {}

  @ObjectType(`${prefix}Mutations`, {
    description: `Writes of the ${spec.subgraph} subgraph (partner editors, own data only; registerPartner: the coordinator)`,
  })
  class Mutations {}

  @Resolver(() => Queries)
  class QueriesResolver {
    @Query(() => Queries, { name: spec.namespace })
    namespace(): object {
      return {};
    }

    @FieldResolver(() => [PartnerType], { description: 'Organizations of this kind hosted here' })
    partners(@Ctx() ctx: PartnerContext) {
      return ctx.em.find(PartnerEntity, {}, { orderBy: { name: 'asc' } });
    }

    @FieldResolver(() => PartnerType, { nullable: true })
    partner(@Arg('id', () => ID) id: string, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.partner.load(assertId(id));
    }

    @FieldResolver(() => CommitmentType, { nullable: true })
    async commitment(@Arg('id', () => ID) id: string, @Ctx() ctx: PartnerContext) {
      return visibleCommitment(await ctx.loaders.commitment.load(assertId(id)), ctx);
    }

    @FieldResolver(() => [CommitmentType], { description: "The signed-in editor's commitments, drafts included" })
    myCommitments(@Arg('status', () => CommitmentStatus, { nullable: true }) status: CommitmentStatus | null, @Ctx() ctx: PartnerContext) {
      const partnerId = editorPartnerId(ctx.viewer);
      return ctx.em.find(ctx.runtime.commitmentEntity, { partnerId, ...(status ? { status } : {}) }, { orderBy: { updatedAt: 'desc' } });
    }

    @FieldResolver(() => ActivityClass, { nullable: true })
    activity(@Arg('id', () => ID) id: string, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.activity.load(assertId(id));
    }

    @FieldResolver(() => [ActivityClass], { description: 'Activities hosted by the signed-in editor’s partner' })
    myActivities(@Ctx() ctx: PartnerContext) {
      const hostPartnerId = editorPartnerId(ctx.viewer);
      return ctx.em.find(Activity, { hostPartnerId }, { orderBy: { startsAt: 'desc' } });
    }
  }

  @Resolver(() => Mutations)
  class MutationsResolver {
    @Mutation(() => Mutations, { name: spec.namespace })
    namespace(): object {
      return {};
    }

    @FieldResolver(() => PartnerType, {
      description: 'Register a new organization of this kind with a new id (coordinator); admit it to an alliance with admitPartner',
    })
    registerPartner(@Arg('input', () => PartnerRegistrationInput) input: PartnerRegistrationInput, @Ctx() ctx: PartnerContext) {
      return registerPartner(ctx, input);
    }

    @FieldResolver(() => CommitmentType, { description: 'Create a draft commitment for your own partner' })
    createCommitment(
      @Arg('allianceId', () => ID) allianceId: string,
      @Arg('input', () => spec.CommitmentInput) input: Record<string, unknown>,
      @Ctx() ctx: PartnerContext,
    ) {
      return createCommitment(ctx, allianceId, commitmentFields(input));
    }

    @FieldResolver(() => CommitmentImportReport, {
      description:
        'Import commitments for your own partner from a file’s rows: dryRun reports every row’s outcome and writes nothing; otherwise all new rows are written in one transaction (drafts, or published when publish) or, with any invalid row, none. Rows whose title and due date match an item you have are left as they are',
    })
    importCommitments(
      @Arg('allianceId', () => ID) allianceId: string,
      @Arg('rows', () => [ImportRow]) rows: ImportRowValue[],
      @Arg('dryRun', () => Boolean) dryRun: boolean,
      @Arg('publish', () => Boolean, { defaultValue: false }) publish: boolean,
      @Ctx() ctx: PartnerContext,
    ) {
      return importCommitments(ctx, spec, allianceId, rows, { dryRun, publish });
    }

    @FieldResolver(() => CommitmentType, { description: 'Edit a commitment at the version you last read' })
    updateCommitment(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('input', () => spec.CommitmentInput) input: Record<string, unknown>,
      @Ctx() ctx: PartnerContext,
    ) {
      return updateCommitment(ctx, id, version, commitmentFields(input));
    }

    @FieldResolver(() => CommitmentType, { description: 'Publish a draft to its alliance’s joint list' })
    publishCommitment(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: PartnerContext) {
      return publishCommitment(ctx, id, version);
    }

    @FieldResolver(() => CommitmentType, { description: 'Report progress: percent, text, evidence, figures' })
    reportProgress(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('input', () => ProgressInput) input: ProgressInput,
      @Ctx() ctx: PartnerContext,
    ) {
      return reportProgress(ctx, id, version, input);
    }

    @FieldResolver(() => CommitmentType, { description: 'Complete a commitment (销项)' })
    completeCommitment(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: PartnerContext) {
      return completeCommitment(ctx, id, version);
    }

    @FieldResolver(() => CommitmentType, { description: 'Withdraw a commitment, giving the reason' })
    withdrawCommitment(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('reason', () => String) reason: string,
      @Ctx() ctx: PartnerContext,
    ) {
      return withdrawCommitment(ctx, id, version, reason);
    }

    @FieldResolver(() => ActivityClass, { description: 'Host a joint activity' })
    createActivity(
      @Arg('allianceId', () => ID) allianceId: string,
      @Arg('input', () => ActivityInput) input: ActivityInput,
      @Ctx() ctx: PartnerContext,
    ) {
      return createActivity(ctx, allianceId, input);
    }

    @FieldResolver(() => ActivityClass, { description: 'Edit a hosted activity: invitations, minutes, linked commitments' })
    updateActivity(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('input', () => ActivityInput) input: ActivityInput,
      @Ctx() ctx: PartnerContext,
    ) {
      return updateActivity(ctx, id, version, input);
    }

    @FieldResolver(() => ActivityClass, { description: 'Record attendance per partner' })
    recordAttendance(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('attendance', () => [AttendanceInput]) attendance: AttendanceInput[],
      @Ctx() ctx: PartnerContext,
    ) {
      return recordAttendance(ctx, id, version, attendance);
    }

    @FieldResolver(() => BranchType, { description: 'Add a branch to your own partner' })
    createBranch(@Arg('input', () => BranchInput) input: BranchInput, @Ctx() ctx: PartnerContext) {
      return createBranch(ctx, input);
    }

    @FieldResolver(() => BranchType, { description: 'Edit one of your own branches (secretary, member count)' })
    updateBranch(@Arg('id', () => ID) id: string, @Arg('input', () => BranchInput) input: BranchInput, @Ctx() ctx: PartnerContext) {
      return updateBranch(ctx, id, input);
    }

    @FieldResolver(() => PartyGroup, { description: 'Add or edit a party group of one of your branches' })
    saveGroup(@Arg('branchId', () => ID) branchId: string, @Arg('input', () => GroupInput) input: GroupInput, @Ctx() ctx: PartnerContext) {
      return upsertGroup(ctx, branchId, input);
    }
  }

  @Resolver(() => PartnerType)
  class PartnerFieldResolver {
    @FieldResolver(() => [PartyBranch])
    branches(@Root() partner: PartnerRow, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.branchesOfPartner.load(partner.id);
    }

    @FieldResolver(() => PartnerKindScalar)
    kind(): PartnerKind {
      return spec.kind;
    }
  }

  @Resolver(() => BranchType)
  class BranchFieldResolver {
    @FieldResolver(() => [PartyGroup])
    groups(@Root() branch: BranchRow, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.groupsOfBranch.load(branch.id);
    }

    @FieldResolver(() => [PartyMember], {
      nullable: true,
      description: 'Personal data: only editors of this branch’s own partner may read it',
    })
    members(@Root() branch: BranchRow, @Ctx() ctx: PartnerContext) {
      if (!isEditorOf(ctx.viewer, branch.partnerId)) {
        throw forbidden('Members’ personal data is visible only to editors of their own partner');
      }
      return ctx.loaders.membersOfBranch.load(branch.id);
    }
  }

  @Resolver(() => ActivityClass)
  class ActivityFieldResolver {
    @FieldResolver(() => Partner, { nullable: true })
    host(@Root() activity: ActivityRow, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.partner.load(activity.hostPartnerId);
    }
  }

  @Resolver(() => CommitmentType)
  class CommitmentFieldResolver {
    @FieldResolver(() => PartyBranch, { nullable: true })
    branch(@Root() commitment: CommitmentRow, @Ctx() ctx: PartnerContext) {
      return commitment.branchId ? ctx.loaders.branch.load(commitment.branchId) : null;
    }

    @FieldResolver(() => [ProgressReport])
    progressReports(@Root() commitment: CommitmentRow, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.progressOfCommitment.load(commitment.id);
    }

    @FieldResolver(() => [CommitmentChange], { description: 'Who changed what, when, old and new value' })
    history(@Root() commitment: CommitmentRow, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.historyOfCommitment.load(commitment.id);
    }
  }

  const cobuild = createCobuildResolvers(spec, Queries, Mutations, prefix);

  const referenceResolvers = {
    ...cobuild.referenceResolvers,
    [`${prefix}Partner`]: { __resolveReference: (ref: { id: string }, ctx: PartnerContext) => ctx.loaders.partner.load(ref.id) },
    [`${prefix}Branch`]: { __resolveReference: (ref: { id: string }, ctx: PartnerContext) => ctx.loaders.branch.load(ref.id) },
    [`${prefix}Activity`]: { __resolveReference: (ref: { id: string }, ctx: PartnerContext) => ctx.loaders.activity.load(ref.id) },
    [`${prefix}Commitment`]: {
      __resolveReference: async (ref: { id: string }, ctx: PartnerContext) =>
        visibleCommitment(await ctx.loaders.commitment.load(ref.id), ctx),
    },
  };

  return {
    resolvers: [
      QueriesResolver,
      MutationsResolver,
      PartnerFieldResolver,
      BranchFieldResolver,
      ActivityFieldResolver,
      CommitmentFieldResolver,
      ...cobuild.resolvers,
    ] as const,
    referenceResolvers,
  };
}
