import { ErrorCode } from '@hub/contracts';
import { assertId, badInput, hubError } from '@hub/subgraph-kit';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { AllianceContext } from '../context.ts';
import { AllianceEvent, type AllianceEventRow } from '../entities.ts';
import { isEventCursor } from '../event-hub.ts';
import { computeStats } from '../stats.ts';
import { ActivityChange, ActivityRef, AllianceStats, AllianceStatsChange, CoBuildingListChange, CommitmentRef } from './types.ts';

/**
 * Live changes. Each subscription field `xChanged(allianceId, after)` has a query field
 * `xChange(cursor)` returning the same change: the gateway subscribes here for cursors only and
 * completes every event by querying `xChange(cursor)` with the client's selection through its
 * own query planner, so partner-owned fields arrive too.
 */

export type Args = { allianceId: string; after?: string | null };

/**
 * Opens the stream of one topic after checking the arguments: a malformed cursor is
 * BAD_USER_INPUT, one the feed cannot resume from is CURSOR_EXPIRED (the client reloads), and a
 * database that cannot be asked is UNAVAILABLE (the gateway retries).
 */
export async function openStream(args: Args, context: unknown, topic: AllianceEventRow['topic']) {
  const { events } = context as AllianceContext;
  const allianceId = assertId(args.allianceId, 'allianceId');
  if (args.after) {
    if (!isEventCursor(args.after)) {
      throw badInput('after is not a cursor of this stream', 'after');
    }
    try {
      await events.assertResumable(args.after);
    } catch (error) {
      if (error instanceof GraphQLError) {
        throw error;
      }
      throw hubError(ErrorCode.UNAVAILABLE, 'The alliance cannot read its live events right now; try again shortly');
    }
  }
  return events.stream(allianceId, topic, args.after);
}

function listChange(row: AllianceEventRow) {
  return {
    cursor: String(row.seq),
    allianceId: row.allianceId,
    action: row.action,
    commitmentId: row.entityId,
    occurredAt: row.createdAt,
  };
}

function activityChange(row: AllianceEventRow) {
  return {
    cursor: String(row.seq),
    allianceId: row.allianceId,
    action: row.action,
    activityId: row.entityId,
    occurredAt: row.createdAt,
  };
}

function statsChange(row: AllianceEventRow) {
  return { cursor: String(row.seq), allianceId: row.allianceId, occurredAt: row.createdAt };
}

export async function eventAt(ctx: AllianceContext, cursor: string, topic: AllianceEventRow['topic']) {
  if (!isEventCursor(cursor)) {
    throw badInput('cursor is not a cursor of this stream', 'cursor');
  }
  return ctx.em.findOne(AllianceEvent, { seq: cursor, topic } as never);
}

@Resolver()
export class LiveResolver {
  @Subscription(() => CoBuildingListChange, {
    description: 'A commitment of the alliance was published, updated, advanced, completed or withdrawn',
    subscribe: ({ args, context }) => openStream(args as Args, context, 'list'),
  })
  coBuildingListChanged(
    @Arg('allianceId', () => ID) _allianceId: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this cursor' }) _after: string | null,
    @Root() row: AllianceEventRow,
  ) {
    return listChange(row);
  }

  @Subscription(() => ActivityChange, {
    description: 'A joint activity of the alliance was created or changed',
    subscribe: ({ args, context }) => openStream(args as Args, context, 'activity'),
  })
  activityChanged(
    @Arg('allianceId', () => ID) _allianceId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Root() row: AllianceEventRow,
  ) {
    return activityChange(row);
  }

  @Subscription(() => AllianceStatsChange, {
    description: 'The completion figures after each change of the joint list',
    subscribe: ({ args, context }) => openStream(args as Args, context, 'list'),
  })
  allianceStatsChanged(
    @Arg('allianceId', () => ID) _allianceId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Root() row: AllianceEventRow,
  ) {
    return statsChange(row);
  }

  @Query(() => CoBuildingListChange, { nullable: true, description: 'The list change at a cursor (used by the gateway’s live layer)' })
  async coBuildingListChange(@Arg('cursor', () => String) cursor: string, @Ctx() ctx: AllianceContext) {
    const row = await eventAt(ctx, cursor, 'list');
    return row ? listChange(row) : null;
  }

  @Query(() => ActivityChange, { nullable: true, description: 'The activity change at a cursor' })
  async activityChange(@Arg('cursor', () => String) cursor: string, @Ctx() ctx: AllianceContext) {
    const row = await eventAt(ctx, cursor, 'activity');
    return row ? activityChange(row) : null;
  }

  @Query(() => AllianceStatsChange, { nullable: true, description: 'The statistics change at a cursor' })
  async allianceStatsChange(@Arg('cursor', () => String) cursor: string, @Ctx() ctx: AllianceContext) {
    const row = await eventAt(ctx, cursor, 'list');
    return row ? statsChange(row) : null;
  }
}

/** The changed items are loaded only when asked for (the gateway's completion asks; the stream does not). */
@Resolver(() => CoBuildingListChange)
export class ListChangeFields {
  @FieldResolver(() => CommitmentRef, { nullable: true })
  commitment(@Root() change: { commitmentId: string }, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.commitment.load(change.commitmentId);
  }
}

@Resolver(() => ActivityChange)
export class ActivityChangeFields {
  @FieldResolver(() => ActivityRef, { nullable: true })
  activity(@Root() change: { activityId: string }, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.activity.load(change.activityId);
  }
}

@Resolver(() => AllianceStatsChange)
export class StatsChangeFields {
  @FieldResolver(() => AllianceStats, { description: 'Current figures (staleDays 30)' })
  stats(@Root() change: { allianceId: string }, @Ctx() ctx: AllianceContext) {
    return computeStats(ctx.em, change.allianceId, 30);
  }
}
