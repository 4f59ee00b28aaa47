import { CommitmentOrder } from '@hub/contracts';
import { assertId, badInput, dateTime } from '@hub/subgraph-kit';
import { type GraphQLResolveInfo, Kind, type SelectionNode } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { AllianceContext } from '../context.ts';
import { ActivityIndex, type ActivityIndexRow, Alliance as AllianceEntity, type AllianceRow, type MembershipRow } from '../entities.ts';
import { findCoBuildingList } from '../joint-list.ts';
import { locationOf } from '../overview/location.ts';
import { computeStats } from '../stats.ts';
import {
  ActivityRef,
  Agreement,
  Alliance,
  AllianceMember,
  AllianceStats,
  CoBuildingListFilter,
  CommitmentConnection,
  CommitmentRef,
  JointMeeting,
  PartnerRef,
} from './types.ts';

/** Whether the field being resolved selects `name` directly (or in an inline fragment / fragment spread). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (selections: readonly SelectionNode[]): boolean =>
    selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        return selection.name.value === name;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return visit(selection.selectionSet.selections);
      }
      const fragment = info.fragments[selection.name.value];
      return fragment ? visit(fragment.selectionSet.selections) : false;
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet?.selections ?? []));
}

/** Default and largest `staleDays` of the tracking figures. */
const defaultStaleDays = 30;

@Resolver(() => Alliance)
export class AllianceResolver {
  @Query(() => [Alliance], { description: 'All alliances, by name' })
  alliances(@Ctx() ctx: AllianceContext) {
    return ctx.em.find(AllianceEntity, {}, { orderBy: { name: 'asc' } });
  }

  @Query(() => Alliance, { nullable: true })
  async alliance(@Arg('id', () => ID) id: string, @Ctx() ctx: AllianceContext, @Info() info: GraphQLResolveInfo) {
    const allianceId = assertId(id);
    // The cursor is read before anything else of the alliance, so the view it comes with is at
    // least that new: a client subscribing after it misses nothing (and at worst sees a change twice).
    if (selects(info, 'liveCursor')) {
      ctx.liveCursor ??= ctx.events.currentCursor(ctx.em);
      await ctx.liveCursor;
    }
    return ctx.loaders.alliance.load(allianceId);
  }

  @FieldResolver(() => String, {
    description:
      'The live feed’s cursor at the moment this response was read: subscribe to the alliance’s changes with `after` set to it to receive everything that happened since',
  })
  liveCursor(@Ctx() ctx: AllianceContext) {
    ctx.liveCursor ??= ctx.events.currentCursor(ctx.em);
    return ctx.liveCursor;
  }

  @Query(() => CommitmentRef, { nullable: true, description: 'A published item of any joint list' })
  commitment(@Arg('id', () => ID) id: string, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.commitment.load(assertId(id));
  }

  @Query(() => ActivityRef, { nullable: true })
  activity(@Arg('id', () => ID) id: string, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.activity.load(assertId(id));
  }

  @FieldResolver(() => [AllianceMember], { description: '成员单位: the partners, with their liaison' })
  async members(@Root() alliance: AllianceRow, @Ctx() ctx: AllianceContext) {
    return (await ctx.loaders.membersOfAlliance.load(alliance.id)).map(memberView);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: '共建协议' })
  async agreement(@Root() alliance: AllianceRow, @Ctx() ctx: AllianceContext) {
    return (await ctx.loaders.agreementsOfAlliance.load(alliance.id))[0] ?? null;
  }

  @FieldResolver(() => [JointMeeting], { description: '联席会议, latest first' })
  jointMeetings(@Root() alliance: AllianceRow, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.meetingsOfAlliance.load(alliance.id);
  }

  @FieldResolver(() => CommitmentConnection, { description: '共建清单: the joint list, filtered, sorted by due date, paginated' })
  coBuildingList(
    @Root() alliance: AllianceRow,
    @Ctx() ctx: AllianceContext,
    @Arg('filter', () => CoBuildingListFilter, { nullable: true }) filter: CoBuildingListFilter | null,
    @Arg('first', () => Int, { defaultValue: 20, description: '1-1000' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('orderBy', () => CommitmentOrder, { defaultValue: CommitmentOrder.DUE_DATE_ASC }) orderBy: CommitmentOrder,
  ) {
    return findCoBuildingList(ctx.em, alliance.id, { filter, first, after, orderBy });
  }

  @FieldResolver(() => [ActivityRef], { description: '联建活动, by start time; `from` keeps those starting at or after it' })
  activities(
    @Root() alliance: AllianceRow,
    @Ctx() ctx: AllianceContext,
    @Arg('from', () => DateTimeResolver, { nullable: true }) from: Date | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ) {
    if (first < 1 || first > 500) {
      throw badInput('first must be from 1 to 500', 'first');
    }
    return ctx.em.find(
      ActivityIndex,
      { allianceId: alliance.id, ...(from ? { startsAt: { $gte: dateTime(from, 'from') } } : {}) },
      { orderBy: { startsAt: 'asc' }, limit: first },
    );
  }

  @FieldResolver(() => AllianceStats, { description: 'Completion by partner and category, overdue and stale items' })
  stats(
    @Root() alliance: AllianceRow,
    @Ctx() ctx: AllianceContext,
    @Arg('staleDays', () => Int, { defaultValue: defaultStaleDays }) staleDays: number,
  ) {
    if (staleDays < 1 || staleDays > 3650) {
      throw badInput('staleDays must be from 1 to 3650', 'staleDays');
    }
    return computeStats(ctx.em, alliance.id, staleDays);
  }
}

/** A membership as the API shows it, with a reference to the partner's own subgraph. */
export function memberView(row: MembershipRow) {
  return {
    partnerId: row.partnerId,
    kind: row.kind,
    name: row.partnerName,
    partner: { id: row.partnerId, kind: row.kind },
    liaison: row.liaisonName ? { name: row.liaisonName, title: row.liaisonTitle } : null,
    joinedOn: row.joinedOn,
    location: locationOf(row),
  };
}

@Resolver(() => CommitmentConnection)
export class ConnectionFields {
  @FieldResolver(() => Int, { description: 'All items the filter matches (counted only when asked for)' })
  totalCount(@Root() connection: { count: () => Promise<number> }) {
    return connection.count();
  }
}

@Resolver(() => ActivityRef)
export class ActivityRefResolver {
  @FieldResolver(() => [PartnerRef])
  async invitedPartners(@Root() activity: ActivityIndexRow, @Ctx() ctx: AllianceContext) {
    if (activity.invitedPartnerIds.length === 0) {
      return []; // also an activity the index has not received yet (no alliance known)
    }
    const members = await ctx.loaders.membersOfAlliance.load(activity.allianceId);
    return members.filter((m) => activity.invitedPartnerIds.includes(m.partnerId)).map((m) => ({ id: m.partnerId, kind: m.kind }));
  }

  @FieldResolver(() => [CommitmentRef])
  async advancedCommitments(@Root() activity: ActivityIndexRow, @Ctx() ctx: AllianceContext) {
    const items = await Promise.all(activity.advancedCommitmentIds.map((id) => ctx.loaders.commitment.load(id)));
    return items.filter((item) => item !== null);
  }
}
