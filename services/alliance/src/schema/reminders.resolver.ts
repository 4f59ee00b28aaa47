import { randomUUID } from 'node:crypto';
import { ErrorCode, hubDay, type Viewer } from '@hub/contracts';
import {
  assertId,
  badInput,
  conflict,
  forbidden,
  hubError,
  isoDate,
  notFound,
  optionalText,
  requiredText,
  unauthenticated,
} from '@hub/subgraph-kit';
import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { type AllianceContext, requireCoordinator, seesRemindersOf } from '../context.ts';
import {
  AllianceEvent,
  type AllianceEventRow,
  CommitmentIndex,
  Membership,
  Reminder as ReminderEntity,
  type ReminderRow,
} from '../entities.ts';
import { isEventCursor } from '../event-hub.ts';
import { appendEvents, lockEventOrder } from '../event-log.ts';
import {
  CommitmentRef,
  RedItemsReminderInput,
  Reminder,
  ReminderAnswerInput,
  ReminderChange,
  ReminderDecisionInput,
  ReminderInbox,
  ReminderInput,
  ReminderStatusValue,
} from './types.ts';

/** Longest message, explanation or note (characters). */
const maxText = 2000;
const openStatuses = ['PUBLISHED', 'IN_PROGRESS'];

/** A reminder row as the API shows it. */
export function reminderView(row: ReminderRow) {
  return {
    ...row,
    answer: row.answeredAt
      ? {
          explanation: row.explanation ?? '',
          proposedDueDate: row.proposedDueDate ?? null,
          answeredAt: row.answeredAt,
          answeredBy: row.answeredBy ?? '',
        }
      : null,
    decision: row.decidedAt
      ? { accepted: row.status === 'ACCEPTED', note: row.decisionNote ?? null, decidedAt: row.decidedAt, decidedBy: row.decidedBy ?? '' }
      : null,
    read: row.readAt !== null && row.readAt !== undefined,
  };
}

/** Who signs a reminder, an answer or a decision: the display name from the token, else the subject. */
const actorName = (viewer: Viewer) => viewer.name ?? viewer.subject;

/** Anonymous callers are asked to sign in; viewers are refused: reminders are between the coordinator and partners. */
function requireSignedIn(viewer: Viewer): void {
  if (viewer.role === 'anonymous') {
    throw unauthenticated('Sign in to see reminders (督办)');
  }
  if (viewer.role === 'viewer') {
    throw forbidden('Reminders (督办) are for the coordinator and the partners’ editors');
  }
}

/** Only an editor of the reminder's partner answers it or marks it read. */
function requirePartnerEditor(viewer: Viewer, row: ReminderRow): void {
  requireSignedIn(viewer);
  if (viewer.role !== 'partner_editor' || viewer.partnerId !== row.partnerId) {
    throw forbidden('Only editors of the reminded partner may answer or mark its reminders');
  }
}

/** A reply-by or proposed due date: a real date, not before today (the hub's day). */
function dayFromToday(value: string | null | undefined, field: string): string | null {
  const day = isoDate(value, field);
  if (day !== null && day < hubDay(new Date())) {
    throw badInput(`${field} must be today or later`, field);
  }
  return day;
}

/**
 * Sends one reminder per item (open items of the list), in one transaction, with their events.
 * The caller has checked the viewer and the input.
 */
async function send(
  em: EntityManager,
  viewer: Viewer,
  items: { id: string; allianceId: string; partnerId: string; kind: string }[],
  message: string,
  replyBy: string,
) {
  const rows = items.map((item) =>
    em.create(ReminderEntity, {
      id: randomUUID(),
      allianceId: item.allianceId,
      commitmentId: item.id,
      partnerId: item.partnerId,
      kind: item.kind,
      trigger: 'MANUAL',
      autoKey: null,
      message,
      replyBy,
      sentAt: new Date(),
      sentBy: actorName(viewer),
      status: 'OPEN',
      readAt: null,
    } as never),
  );
  await em.flush();
  await appendEvents(
    em,
    rows.map((row) => ({
      allianceId: row.allianceId,
      topic: 'reminder',
      entityId: row.id,
      kind: row.kind,
      action: 'SENT',
      partnerId: row.partnerId,
    })),
  );
  return rows.map(reminderView);
}

/**
 * Changes one reminder at the version its writer saw, with its event, in one transaction:
 * NOT_FOUND, the writer's own refusal, CONFLICT for another version.
 */
async function change(
  ctx: AllianceContext,
  id: string,
  version: number,
  check: (row: ReminderRow) => void,
  apply: (row: ReminderRow) => string,
) {
  const reminderId = assertId(id);
  return ctx.em.transactional(async (em) => {
    await lockEventOrder(em);
    const row = await em.findOne(ReminderEntity, { id: reminderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) {
      throw notFound('Reminder', reminderId);
    }
    check(row);
    if (row.version !== version) {
      throw conflict(`The reminder is at version ${row.version}, not ${version}; reload it and try again`);
    }
    const action = apply(row);
    await em.flush();
    await appendEvents(em, [
      { allianceId: row.allianceId, topic: 'reminder', entityId: row.id, kind: row.kind, action, partnerId: row.partnerId },
    ]);
    return reminderView(row);
  });
}

/** Reminders (督办): sending, answering, deciding, the inbox and the per-partner live stream. */
@Resolver(() => Reminder)
export class ReminderResolver {
  @Query(() => ReminderInbox, {
    description:
      'A partner editor’s reminders (its partner’s, newest first) or the coordinator’s answers awaiting a decision (oldest first)',
  })
  async reminderInbox(@Arg('first', () => Int, { defaultValue: 50, description: '1–200' }) first: number, @Ctx() ctx: AllianceContext) {
    requireSignedIn(ctx.viewer);
    if (!Number.isInteger(first) || first < 1 || first > 200) {
      throw badInput('first must be from 1 to 200', 'first');
    }
    // The cursor first: a subscription after it misses nothing of what this read shows.
    const liveCursor = await ctx.events.currentCursor(ctx.em);
    if (ctx.viewer.role === 'coordinator') {
      const where = { status: 'ANSWERED' as const };
      const [rows, count] = await Promise.all([
        ctx.em.find(ReminderEntity, where, { orderBy: { answeredAt: 'asc', id: 'asc' }, limit: first }),
        ctx.em.count(ReminderEntity, where),
      ]);
      return { liveCursor, unreadCount: count, reminders: rows.map(reminderView) };
    }
    const partnerId = ctx.viewer.partnerId as string;
    const [rows, unread] = await Promise.all([
      ctx.em.find(ReminderEntity, { partnerId }, { orderBy: { sentAt: 'desc', id: 'desc' }, limit: first }),
      ctx.em.count(ReminderEntity, { partnerId, readAt: null }),
    ]);
    return { liveCursor, unreadCount: unread, reminders: rows.map(reminderView) };
  }

  @Query(() => [Reminder], {
    description:
      'Reminders by alliance, partner, item and status, newest first: the coordinator any; a partner editor its own partner’s only',
  })
  async reminders(
    @Ctx() ctx: AllianceContext,
    @Arg('allianceId', () => ID, { nullable: true }) allianceId: string | null,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Arg('commitmentId', () => ID, { nullable: true }) commitmentId: string | null,
    @Arg('status', () => [ReminderStatusValue], { nullable: true }) status: ReminderStatusValue[] | null,
    @Arg('first', () => Int, { defaultValue: 100, description: '1–500' }) first: number,
  ) {
    requireSignedIn(ctx.viewer);
    if (!Number.isInteger(first) || first < 1 || first > 500) {
      throw badInput('first must be from 1 to 500', 'first');
    }
    const where: Record<string, unknown> = {};
    if (allianceId) {
      where.allianceId = assertId(allianceId, 'allianceId');
    }
    if (partnerId) {
      where.partnerId = assertId(partnerId, 'partnerId');
    }
    if (commitmentId) {
      where.commitmentId = assertId(commitmentId, 'commitmentId');
    }
    if (status?.length) {
      where.status = { $in: status };
    }
    if (ctx.viewer.role === 'partner_editor') {
      if (partnerId && where.partnerId !== ctx.viewer.partnerId) {
        throw forbidden('A partner editor sees its own partner’s reminders only');
      }
      where.partnerId = ctx.viewer.partnerId;
    }
    const rows = await ctx.em.find(ReminderEntity, where, { orderBy: { sentAt: 'desc', id: 'desc' }, limit: first });
    return rows.map(reminderView);
  }

  @Mutation(() => Reminder, { description: 'Remind a partner of one open item of the list (coordinator)' })
  async sendReminder(@Arg('input', () => ReminderInput) input: ReminderInput, @Ctx() ctx: AllianceContext) {
    requireCoordinator(ctx.viewer);
    const commitmentId = assertId(input.commitmentId, 'commitmentId');
    const message = requiredText(input.message, 'message', maxText);
    const replyBy = dayFromToday(input.replyBy, 'replyBy') as string;
    return ctx.em.transactional(async (em) => {
      await lockEventOrder(em);
      const item = await em.findOne(CommitmentIndex, { id: commitmentId });
      if (!item) {
        throw notFound('Commitment', commitmentId);
      }
      if (!openStatuses.includes(item.status)) {
        throw badInput(`The item is ${item.status}: only open items are reminded`, 'commitmentId');
      }
      const [sent] = await send(em, ctx.viewer, [item], message, replyBy);
      return sent;
    });
  }

  @Mutation(() => [Reminder], {
    description: 'Remind a partner of each of its red items in an alliance, with one message (coordinator); none red: an empty list',
  })
  async sendRemindersToRedItems(@Arg('input', () => RedItemsReminderInput) input: RedItemsReminderInput, @Ctx() ctx: AllianceContext) {
    requireCoordinator(ctx.viewer);
    const allianceId = assertId(input.allianceId, 'allianceId');
    const partnerId = assertId(input.partnerId, 'partnerId');
    const message = requiredText(input.message, 'message', maxText);
    const replyBy = dayFromToday(input.replyBy, 'replyBy') as string;
    return ctx.em.transactional(async (em) => {
      await lockEventOrder(em);
      const member = await em.findOne(Membership, { allianceId, partnerId });
      if (!member) {
        if (!(await ctx.loaders.alliance.load(allianceId))) {
          throw notFound('Alliance', allianceId);
        }
        throw badInput('partnerId is not a member of this alliance', 'partnerId');
      }
      const red = await em.find(CommitmentIndex, { allianceId, partnerId, light: 'RED', status: { $in: openStatuses } } as never, {
        orderBy: { dueDate: 'asc', id: 'asc' },
      });
      return send(em, ctx.viewer, red, message, replyBy);
    });
  }

  @Mutation(() => Reminder, {
    description: 'Answer an open reminder of your own partner: an explanation and, if need be, a new due date proposed (partner editor)',
  })
  answerReminder(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ReminderAnswerInput) input: ReminderAnswerInput,
    @Ctx() ctx: AllianceContext,
  ) {
    const explanation = requiredText(input.explanation, 'explanation', maxText);
    const proposedDueDate = dayFromToday(input.proposedDueDate, 'proposedDueDate');
    return change(
      ctx,
      id,
      version,
      (row) => {
        requirePartnerEditor(ctx.viewer, row);
        if (row.status !== 'OPEN') {
          throw badInput(`The reminder is ${row.status}: only an open reminder is answered`, 'status');
        }
      },
      (row) => {
        Object.assign(row, {
          status: 'ANSWERED',
          explanation,
          proposedDueDate,
          answeredAt: new Date(),
          answeredBy: actorName(ctx.viewer),
          readAt: row.readAt ?? new Date(),
        });
        return 'ANSWERED';
      },
    );
  }

  @Mutation(() => Reminder, { description: 'Accept or reject an answer (coordinator); a rejection gives its reason in `note`' })
  decideReminder(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ReminderDecisionInput) input: ReminderDecisionInput,
    @Ctx() ctx: AllianceContext,
  ) {
    requireCoordinator(ctx.viewer);
    const note = optionalText(input.note, 'note', maxText);
    if (!input.accept && !note) {
      throw badInput('A rejection needs a note saying why', 'note');
    }
    return change(
      ctx,
      id,
      version,
      (row) => {
        if (row.status !== 'ANSWERED') {
          throw badInput(`The reminder is ${row.status}: only an answered reminder is decided`, 'status');
        }
      },
      (row) => {
        const status = input.accept ? 'ACCEPTED' : 'REJECTED';
        // The decision is news to the partner: unread again.
        Object.assign(row, { status, decisionNote: note, decidedAt: new Date(), decidedBy: actorName(ctx.viewer), readAt: null });
        return status;
      },
    );
  }

  @Mutation(() => Reminder, {
    description: 'Mark a reminder of your own partner as read (partner editor); reading it twice changes nothing',
  })
  async markReminderRead(@Arg('id', () => ID) id: string, @Ctx() ctx: AllianceContext) {
    const reminderId = assertId(id);
    const row = await ctx.em.findOne(ReminderEntity, { id: reminderId });
    if (!row) {
      throw notFound('Reminder', reminderId);
    }
    requirePartnerEditor(ctx.viewer, row);
    if (row.readAt) {
      return reminderView(row);
    }
    return change(
      ctx,
      reminderId,
      row.version,
      () => {},
      (locked) => {
        locked.readAt = locked.readAt ?? new Date();
        return 'READ';
      },
    );
  }

  @Subscription(() => ReminderChange, {
    description: 'A reminder of the partner was sent, read, answered or decided (the coordinator, and the partner’s own editors)',
    subscribe: async ({ args, context }) => {
      const ctx = context as AllianceContext;
      const { partnerId, after } = args as { partnerId: string; after?: string | null };
      const id = assertId(partnerId, 'partnerId');
      requireSignedIn(ctx.viewer);
      if (!seesRemindersOf(ctx.viewer, id)) {
        throw forbidden('Only the coordinator and the partner’s own editors follow its reminders');
      }
      if (after) {
        if (!isEventCursor(after)) {
          throw badInput('after is not a cursor of this stream', 'after');
        }
        try {
          await ctx.events.assertResumable(after);
        } catch (error) {
          if (error instanceof GraphQLError) {
            throw error;
          }
          throw hubError(ErrorCode.UNAVAILABLE, 'The alliance cannot read its live events right now; try again shortly');
        }
      }
      return ctx.events.stream(null, 'reminder', after, { partnerId: id });
    },
  })
  reminderChanged(
    @Arg('partnerId', () => ID) _partnerId: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this cursor' }) _after: string | null,
    @Root() row: AllianceEventRow,
  ) {
    return reminderChange(row);
  }

  @Query(() => ReminderChange, { nullable: true, description: 'The reminder change at a cursor (used by the gateway’s live layer)' })
  async reminderChange(@Arg('cursor', () => String) cursor: string, @Ctx() ctx: AllianceContext) {
    if (!isEventCursor(cursor)) {
      throw badInput('cursor is not a cursor of this stream', 'cursor');
    }
    requireSignedIn(ctx.viewer);
    const row = await ctx.em.findOne(AllianceEvent, { seq: cursor, topic: 'reminder' } as never);
    if (!row) {
      return null;
    }
    if (!row.partnerId || !seesRemindersOf(ctx.viewer, row.partnerId)) {
      throw forbidden('Only the coordinator and the partner’s own editors see its reminders');
    }
    return reminderChange(row);
  }

  @FieldResolver(() => CommitmentRef, { nullable: true })
  commitment(@Root() reminder: ReminderRow, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.commitment.load(reminder.commitmentId);
  }

  @FieldResolver(() => String, { nullable: true })
  async allianceName(@Root() reminder: ReminderRow, @Ctx() ctx: AllianceContext) {
    return (await ctx.loaders.alliance.load(reminder.allianceId))?.name ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async partnerName(@Root() reminder: ReminderRow, @Ctx() ctx: AllianceContext) {
    const members = await ctx.loaders.membersOfAlliance.load(reminder.allianceId);
    return members.find((member) => member.partnerId === reminder.partnerId)?.partnerName ?? null;
  }
}

function reminderChange(row: AllianceEventRow) {
  return {
    cursor: String(row.seq),
    allianceId: row.allianceId,
    partnerId: row.partnerId ?? '',
    action: row.action,
    reminderId: row.entityId,
    occurredAt: row.createdAt,
  };
}

/** The changed reminder is loaded only when asked for (the gateway's completion asks). */
@Resolver(() => ReminderChange)
export class ReminderChangeFields {
  @FieldResolver(() => Reminder, { nullable: true })
  async reminder(@Root() change: { reminderId: string }, @Ctx() ctx: AllianceContext) {
    const row = await ctx.loaders.reminder.load(change.reminderId);
    return row ? reminderView(row) : null;
  }
}

/** An item's reminders, for the coordinator and the item's own editors. */
@Resolver(() => CommitmentRef)
export class CommitmentReminderFields {
  @FieldResolver(() => [Reminder], { nullable: true })
  async reminders(@Root() item: { id: string; partnerId?: string }, @Ctx() ctx: AllianceContext) {
    requireSignedIn(ctx.viewer);
    if (!item.partnerId) {
      return null; // not on the list (a draft): no reminders
    }
    if (!seesRemindersOf(ctx.viewer, item.partnerId)) {
      throw forbidden('Only the coordinator and the partner’s own editors see its reminders');
    }
    return (await ctx.loaders.remindersOfCommitment.load(item.id)).map(reminderView);
  }
}
