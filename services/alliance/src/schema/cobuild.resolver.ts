import { claimHallDays } from '@hub/cobuild';
import { assertId, badInput, notFound } from '@hub/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { enterClaimHall } from '../cobuild/claim-hall-sweep.ts';
import { claimNeed, decideClaim, evaluateProject, withdrawClaim } from '../cobuild/claims.ts';
import {
  CobuildChange as CobuildChangeEntity,
  type CobuildChangeRow,
  Project as ProjectEntity,
  type ProjectRow,
} from '../cobuild/entities.ts';
import { cobuildFiguresOf } from '../cobuild/figures.ts';
import { maxMatches } from '../cobuild/matching.ts';
import { claimHallOf, type NeedStage, needsOfAlliance, publishedResourcesOf } from '../cobuild/needs.ts';
import { checked } from '../cobuild/rules.ts';
import { type AllianceContext, requireCoordinator } from '../context.ts';
import { Alliance as AllianceEntity, type AllianceEventRow, type AllianceRow } from '../entities.ts';
import { appendEvents, lockEventOrder } from '../event-log.ts';
import {
  Claim,
  ClaimInput,
  CobuildChange,
  Evaluation,
  EvaluationInput,
  NeedRef,
  NeedStageValue,
  PartnerCobuildFigures,
  Project,
  ProjectStatusValue,
  ResourceMatch,
  ResourceRef,
} from './cobuild.types.ts';
import { type Args, eventAt, openStream } from './live.resolver.ts';
import { Alliance, CommitmentRef, PartnerRef } from './types.ts';

/** Most steps of an alliance's history one read returns. */
const maxHistory = 500;

/** An alliance's 三张清单: its needs, resources, claim hall, projects, figures and history. */
@Resolver(() => Alliance)
export class AllianceCobuildFields {
  @FieldResolver(() => [NeedRef], {
    description: '需求清单: published needs (withdrawn ones too), newest first; `stage` keeps those at one of the stages',
  })
  needs(
    @Root() alliance: AllianceRow,
    @Ctx() ctx: AllianceContext,
    @Arg('stage', () => [NeedStageValue], { nullable: true }) stage: NeedStageValue[] | null,
  ) {
    return needsOfAlliance(ctx.em, alliance.id, stage as NeedStage[] | null);
  }

  @FieldResolver(() => [ResourceRef], { description: '资源清单: published resources, newest first' })
  resources(@Root() alliance: AllianceRow, @Ctx() ctx: AllianceContext) {
    return publishedResourcesOf(ctx.em, alliance.id);
  }

  @FieldResolver(() => [NeedRef], {
    description: '领办大厅: needs published claimHallDays ago or more that nobody has claimed, longest waiting first',
  })
  claimHall(@Root() alliance: AllianceRow, @Ctx() ctx: AllianceContext) {
    return claimHallOf(ctx.em, alliance.id);
  }

  @FieldResolver(() => [Project], { description: '项目清单: joint projects, newest first; `status` keeps those of one of the statuses' })
  projects(
    @Root() alliance: AllianceRow,
    @Ctx() ctx: AllianceContext,
    @Arg('status', () => [ProjectStatusValue], { nullable: true }) status: ProjectStatusValue[] | null,
  ) {
    return ctx.em.find(
      ProjectEntity,
      { allianceId: alliance.id, ...(status?.length ? { status: { $in: status } } : {}) },
      { orderBy: { createdAt: 'desc', id: 'asc' } },
    );
  }

  @FieldResolver(() => [PartnerCobuildFigures], { description: 'Each member’s needs, resources, projects and evaluations, by name' })
  async cobuildFigures(@Root() alliance: AllianceRow, @Ctx() ctx: AllianceContext) {
    return (await cobuildFiguresOf(ctx.em, alliance.id)).map((row) => ({ ...row, partner: { id: row.partnerId, kind: row.kind } }));
  }

  @FieldResolver(() => [CobuildChange], { description: 'The steps of 三张清单 in the alliance, newest first' })
  cobuildHistory(
    @Root() alliance: AllianceRow,
    @Ctx() ctx: AllianceContext,
    @Arg('first', () => Int, { defaultValue: 50, description: `1–${maxHistory}` }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > maxHistory) {
      throw badInput(`first must be from 1 to ${maxHistory}`, 'first');
    }
    return ctx.em.find(CobuildChangeEntity, { allianceId: alliance.id }, { orderBy: { at: 'desc', id: 'desc' }, limit: first });
  }

  @FieldResolver(() => Int, {
    description: 'Days an unclaimed published need waits before it goes to the claim hall (set by the coordinator)',
  })
  claimHallDays(@Root() alliance: AllianceRow): number {
    return alliance.claimHallDays;
  }
}

function liveChange(row: AllianceEventRow, change: CobuildChangeRow | null) {
  return change ? { ...change, cursor: String(row.seq) } : null;
}

/** Queries, mutations and the live stream of 三张清单. */
@Resolver()
export class CobuildResolver {
  @Query(() => Project, { nullable: true, description: 'A joint project of any alliance' })
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.project.load(assertId(id));
  }

  @Mutation(() => Claim, {
    description:
      '认领: claim another partner’s open need of your alliance, with one of your published resources or without (partner editor)',
  })
  claimNeed(@Arg('input', () => ClaimInput) input: ClaimInput, @Ctx() ctx: AllianceContext) {
    return claimNeed(ctx.em, ctx.viewer, input);
  }

  @Mutation(() => Claim, {
    description:
      'Accept or decline an open claim of your partner’s need (its editor): accepting makes the project and declines the other open claims',
  })
  decideClaim(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('accept', () => Boolean) accept: boolean,
    @Arg('note', () => String, { nullable: true, description: `Up to 1000 characters` }) note: string | null,
    @Ctx() ctx: AllianceContext,
  ) {
    return decideClaim(ctx.em, ctx.viewer, { id, version, accept, note });
  }

  @Mutation(() => Claim, { description: 'Withdraw your partner’s open claim (its editor)' })
  withdrawClaim(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: AllianceContext) {
    return withdrawClaim(ctx.em, ctx.viewer, { id, version });
  }

  @Mutation(() => Project, {
    description: '评价: evaluate a delivered project of your partner’s need (its editor); the project is closed (销号)',
  })
  evaluateProject(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => EvaluationInput) input: EvaluationInput,
    @Ctx() ctx: AllianceContext,
  ) {
    return evaluateProject(ctx.em, ctx.viewer, { id, version, input });
  }

  @Mutation(() => Alliance, {
    description:
      'Set the days an unclaimed published need waits before the claim hall, 1–365 (coordinator); needs due by them enter at once',
  })
  async setClaimHallDays(
    @Arg('allianceId', () => ID) allianceId: string,
    @Arg('days', () => Int) days: number,
    @Ctx() ctx: AllianceContext,
  ) {
    requireCoordinator(ctx.viewer);
    const id = assertId(allianceId, 'allianceId');
    const value = checked(claimHallDays, days, 'days');
    return ctx.em.transactional(async (em) => {
      await lockEventOrder(em);
      const alliance = await em.findOne(AllianceEntity, { id });
      if (!alliance) {
        throw notFound('Alliance', id);
      }
      alliance.claimHallDays = value;
      await em.flush();
      await enterClaimHall(em, new Date(), id);
      // The alliance itself changed: views (and cached answers) showing its claim hall follow.
      await appendEvents(em, [{ allianceId: id, topic: 'alliance', entityId: id, kind: '', action: 'UPDATED' }]);
      return alliance;
    });
  }

  @Subscription(() => CobuildChange, {
    description: 'A step of 三张清单 in the alliance: a need or resource published, changed or withdrawn, a claim, a project…',
    subscribe: ({ args, context }) => openStream(args as Args, context, 'cobuild'),
  })
  async cobuildChanged(
    @Arg('allianceId', () => ID) _allianceId: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this cursor' }) _after: string | null,
    @Root() row: AllianceEventRow,
    @Ctx() ctx: AllianceContext,
  ) {
    return liveChange(row, await ctx.loaders.cobuildChange.load(row.entityId));
  }

  @Query(() => CobuildChange, { nullable: true, description: 'The step of 三张清单 at a cursor (used by the gateway’s live layer)' })
  async cobuildChange(@Arg('cursor', () => String) cursor: string, @Ctx() ctx: AllianceContext) {
    const row = await eventAt(ctx, cursor, 'cobuild');
    return row ? liveChange(row, await ctx.loaders.cobuildChange.load(row.entityId)) : null;
  }
}

/** What the alliance adds to every published need. */
@Resolver(() => NeedRef)
export class NeedFields {
  @FieldResolver(() => [ResourceMatch])
  matches(
    @Root() need: { id: string },
    @Ctx() ctx: AllianceContext,
    @Arg('first', () => Int, { defaultValue: 5, description: `1–${maxMatches}` }) first: number,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > maxMatches) {
      throw badInput(`first must be from 1 to ${maxMatches}`, 'first');
    }
    return ctx.loaders.matches.load(`${need.id}|${first}`);
  }

  @FieldResolver(() => [Claim])
  claims(@Root() need: { id: string }, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.claimsOfNeed.load(need.id);
  }

  @FieldResolver(() => Project, { nullable: true })
  async project(@Root() need: { id: string }, @Ctx() ctx: AllianceContext) {
    return (await ctx.loaders.projectsOfNeed.load(need.id))[0] ?? null;
  }
}

@Resolver(() => ResourceRef)
export class ResourceFields {
  @FieldResolver(() => [Project])
  projects(@Root() resource: { id: string }, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.projectsOfResource.load(resource.id);
  }
}

/** A need or resource of a claim, project or step: its index row, which names its kind (its stub type). */
async function needOf(ctx: AllianceContext, id: string | null | undefined) {
  return id ? ctx.loaders.need.load(id) : null;
}
async function resourceOf(ctx: AllianceContext, id: string | null | undefined) {
  return id ? ctx.loaders.resource.load(id) : null;
}

@Resolver(() => Claim)
export class ClaimFields {
  @FieldResolver(() => NeedRef)
  need(@Root() claim: { needId: string }, @Ctx() ctx: AllianceContext) {
    return needOf(ctx, claim.needId);
  }

  @FieldResolver(() => PartnerRef, { nullable: true })
  claimant(@Root() claim: { claimantPartnerId: string; claimantKind: string }) {
    return { id: claim.claimantPartnerId, kind: claim.claimantKind };
  }

  @FieldResolver(() => ResourceRef, { nullable: true })
  resource(@Root() claim: { resourceId?: string | null }, @Ctx() ctx: AllianceContext) {
    return resourceOf(ctx, claim.resourceId);
  }
}

@Resolver(() => Project)
export class ProjectFields {
  @FieldResolver(() => NeedRef)
  need(@Root() project: ProjectRow, @Ctx() ctx: AllianceContext) {
    return needOf(ctx, project.needId);
  }

  @FieldResolver(() => PartnerRef, { nullable: true })
  needingPartner(@Root() project: ProjectRow) {
    return { id: project.needingPartnerId, kind: project.needingKind };
  }

  @FieldResolver(() => PartnerRef, { nullable: true })
  givingPartner(@Root() project: ProjectRow) {
    return { id: project.givingPartnerId, kind: project.givingKind };
  }

  @FieldResolver(() => ResourceRef, { nullable: true })
  resource(@Root() project: ProjectRow, @Ctx() ctx: AllianceContext) {
    return resourceOf(ctx, project.resourceId);
  }

  @FieldResolver(() => Claim)
  claim(@Root() project: ProjectRow, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.claim.load(project.claimId);
  }

  @FieldResolver(() => [CommitmentRef], { nullable: 'items' })
  async commitments(@Root() project: ProjectRow, @Ctx() ctx: AllianceContext) {
    const assignments = await ctx.loaders.assignmentsOfProject.load(project.id);
    // On the list once published; until then a stub its partner's subgraph answers (or not, for a draft).
    return Promise.all(
      assignments.map(
        async (assignment) =>
          (await ctx.loaders.commitment.load(assignment.commitmentId)) ?? {
            id: assignment.commitmentId,
            kind: assignment.kind,
            light: null,
            lightReason: null,
          },
      ),
    );
  }

  @FieldResolver(() => Evaluation, { nullable: true })
  evaluation(@Root() project: ProjectRow) {
    return project.evaluatedAt
      ? { satisfaction: project.satisfaction, comment: project.comment, evaluatedBy: project.evaluatedBy, evaluatedAt: project.evaluatedAt }
      : null;
  }

  @FieldResolver(() => [CobuildChange])
  history(@Root() project: ProjectRow, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.historyOfProject.load(project.id);
  }
}

@Resolver(() => CobuildChange)
export class CobuildChangeFields {
  @FieldResolver(() => NeedRef, { nullable: true })
  need(@Root() change: CobuildChangeRow, @Ctx() ctx: AllianceContext) {
    return needOf(ctx, change.needId);
  }

  @FieldResolver(() => ResourceRef, { nullable: true })
  resource(@Root() change: CobuildChangeRow, @Ctx() ctx: AllianceContext) {
    return resourceOf(ctx, change.resourceId);
  }

  @FieldResolver(() => Claim, { nullable: true })
  claim(@Root() change: CobuildChangeRow, @Ctx() ctx: AllianceContext) {
    return change.claimId ? ctx.loaders.claim.load(change.claimId) : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() change: CobuildChangeRow, @Ctx() ctx: AllianceContext) {
    return change.projectId ? ctx.loaders.project.load(change.projectId) : null;
  }
}
