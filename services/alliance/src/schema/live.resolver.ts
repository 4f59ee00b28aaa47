import { assertId, badInput } from '@hub/subgraph-kit';
import { Arg, Ctx, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { AllianceContext } from '../context.ts';
import { AllianceEvent, type AllianceEventRow } from '../entities.ts';
import { isEventCursor } from '../event-hub.ts';
import { computeStats } from '../stats.ts';
import { ActivityChange, AllianceStatsChange, CoBuildingListChange } from './types.ts';

/**
 * Live changes. Each subscription field `xChanged(allianceId, after)` has a query field
 * `xChange(cursor)` returning the same change: the gateway subscribes here for cursors only and
 * completes every event by querying `xChange(cursor)` with the client's selection through its
 * own query planner, so partner-owned fields arrive too.
 */

type Args = { allianceId: string; after?: string | null };

function checkedArgs(args: Args): Args {
  if (args.after && !isEventCursor(args.after)) {
    throw badInput('after is not a cursor of this stream', 'after');
  }
  return { allianceId: assertId(args.allianceId, 'allianceId'), after: args.after };
}

function listChange(row: AllianceEventRow, ctx: AllianceContext) {
  return {
    cursor: String(row.seq),
    allianceId: row.allianceId,
    action: row.action,
    commitmentId: row.entityId,
    occurredAt: row.createdAt,
    commitment: () => ctx.loaders.commitment.load(row.entityId),
  };
}

function activityChange(row: AllianceEventRow, ctx: AllianceContext) {
  return {
    cursor: String(row.seq),
    allianceId: row.allianceId,
    action: row.action,
    activityId: row.entityId,
    occurredAt: row.createdAt,
    activity: () => ctx.loaders.activity.load(row.entityId),
  };
}

async function statsChange(row: AllianceEventRow, ctx: AllianceContext) {
  return {
    cursor: String(row.seq),
    allianceId: row.allianceId,
    occurredAt: row.createdAt,
    stats: await computeStats(ctx.em.fork(), row.allianceId, 30),
  };
}

async function eventAt(ctx: AllianceContext, cursor: string, topic: AllianceEventRow['topic']) {
  if (!isEventCursor(cursor)) {
    throw badInput('cursor is not a cursor of this stream', 'cursor');
  }
  return ctx.em.findOne(AllianceEvent, { seq: cursor, topic } as never);
}

@Resolver()
export class LiveResolver {
  @Subscription(() => CoBuildingListChange, {
    description: 'A commitment of the alliance was published, updated, advanced, completed or withdrawn',
    subscribe: ({ args, context }) => {
      const { allianceId, after } = checkedArgs(args as Args);
      return (context as AllianceContext).events.stream(allianceId, 'list', after);
    },
  })
  coBuildingListChanged(
    @Arg('allianceId', () => ID) _allianceId: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this cursor' }) _after: string | null,
    @Root() row: AllianceEventRow,
    @Ctx() ctx: AllianceContext,
  ) {
    return listChange(row, ctx);
  }

  @Subscription(() => ActivityChange, {
    description: 'A joint activity of the alliance was created or changed',
    subscribe: ({ args, context }) => {
      const { allianceId, after } = checkedArgs(args as Args);
      return (context as AllianceContext).events.stream(allianceId, 'activity', after);
    },
  })
  activityChanged(
    @Arg('allianceId', () => ID) _allianceId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Root() row: AllianceEventRow,
    @Ctx() ctx: AllianceContext,
  ) {
    return activityChange(row, ctx);
  }

  @Subscription(() => AllianceStatsChange, {
    description: 'The completion figures after each change of the joint list',
    subscribe: ({ args, context }) => {
      const { allianceId, after } = checkedArgs(args as Args);
      return (context as AllianceContext).events.stream(allianceId, 'list', after);
    },
  })
  allianceStatsChanged(
    @Arg('allianceId', () => ID) _allianceId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Root() row: AllianceEventRow,
    @Ctx() ctx: AllianceContext,
  ) {
    return statsChange(row, ctx);
  }

  @Query(() => CoBuildingListChange, { nullable: true, description: 'The list change at a cursor (used by the gateway’s live layer)' })
  async coBuildingListChange(@Arg('cursor', () => String) cursor: string, @Ctx() ctx: AllianceContext) {
    const row = await eventAt(ctx, cursor, 'list');
    return row ? listChange(row, ctx) : null;
  }

  @Query(() => ActivityChange, { nullable: true, description: 'The activity change at a cursor' })
  async activityChange(@Arg('cursor', () => String) cursor: string, @Ctx() ctx: AllianceContext) {
    const row = await eventAt(ctx, cursor, 'activity');
    return row ? activityChange(row, ctx) : null;
  }

  @Query(() => AllianceStatsChange, { nullable: true, description: 'The statistics change at a cursor' })
  async allianceStatsChange(@Arg('cursor', () => String) cursor: string, @Ctx() ctx: AllianceContext) {
    const row = await eventAt(ctx, cursor, 'list');
    return row ? statsChange(row, ctx) : null;
  }
}
