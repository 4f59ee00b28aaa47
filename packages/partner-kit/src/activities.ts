import { randomUUID } from 'node:crypto';
import type { ActivityType } from '@hub/contracts';
import { assertId, badInput, conflict, dateTime, maxItems, notFound, optionalText, requiredText } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { hostedEditorPartnerId, type PartnerContext, requireEditorOf } from './context.ts';
import { Activity, type ActivityRow } from './entities.ts';
import { flushAndQueueEvent, writeTransaction } from './writes.ts';

export interface ActivityFields {
  title?: string | null;
  type?: ActivityType | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  location?: string | null;
  description?: string | null;
  minutes?: string | null;
  invitedPartnerIds?: string[] | null;
  advancedCommitmentIds?: string[] | null;
}

/** What the alliance's index keeps of an activity. */
export function activitySummary(row: ActivityRow, kind: string) {
  return {
    id: row.id,
    allianceId: row.allianceId,
    hostPartnerId: row.hostPartnerId,
    kind,
    title: row.title,
    type: row.type,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    invitedPartnerIds: row.invitedPartnerIds,
    advancedCommitmentIds: row.advancedCommitmentIds,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function validated(fields: ActivityFields) {
  const out: Partial<ActivityRow> = {};
  if (fields.title !== undefined) {
    out.title = requiredText(fields.title ?? '', 'title', 200);
  }
  if (fields.type) {
    out.type = fields.type;
  }
  if (fields.startsAt) {
    out.startsAt = dateTime(fields.startsAt, 'startsAt') as Date;
  }
  if (fields.endsAt !== undefined) {
    out.endsAt = dateTime(fields.endsAt, 'endsAt');
  }
  if (fields.location !== undefined) {
    out.location = optionalText(fields.location, 'location', 200);
  }
  if (fields.description !== undefined) {
    out.description = optionalText(fields.description, 'description', 5000);
  }
  if (fields.minutes !== undefined) {
    out.minutes = optionalText(fields.minutes, 'minutes', 20000);
  }
  if (fields.invitedPartnerIds) {
    out.invitedPartnerIds = [
      ...new Set(maxItems(fields.invitedPartnerIds, 'invitedPartnerIds', 50).map((id) => assertId(id, 'invitedPartnerIds'))),
    ];
  }
  if (fields.advancedCommitmentIds) {
    out.advancedCommitmentIds = [
      ...new Set(maxItems(fields.advancedCommitmentIds, 'advancedCommitmentIds', 100).map((id) => assertId(id, 'advancedCommitmentIds'))),
    ];
  }
  return out;
}

function assertTimes(row: Partial<ActivityRow>) {
  if (row.startsAt && row.endsAt && row.endsAt < row.startsAt) {
    throw badInput('endsAt must not be before startsAt', 'endsAt');
  }
}

/** Queues this version of an activity for the alliance. */
function emit(em: EntityManager, ctx: PartnerContext, row: ActivityRow): Promise<void> {
  return flushAndQueueEvent(em, 'activity', row, () => activitySummary(row, ctx.runtime.kind));
}

/** Hosts a joint activity (联建活动) for the editor's own partner and announces it to the alliance. */
export async function createActivity(ctx: PartnerContext, allianceId: string, fields: ActivityFields) {
  const hostPartnerId = await hostedEditorPartnerId(ctx);
  const values = validated(fields);
  if (!values.title || !values.type || !values.startsAt) {
    throw badInput('title, type and startsAt are required', !values.title ? 'title' : !values.type ? 'type' : 'startsAt');
  }
  assertTimes(values);
  await ctx.runtime.memberships.assertMembers(assertId(allianceId, 'allianceId'), [hostPartnerId], 'allianceId');
  await ctx.runtime.memberships.assertMembers(allianceId, values.invitedPartnerIds ?? [], 'invitedPartnerIds');
  return writeTransaction(ctx, 'activity', async (em) => {
    const row = em.create(Activity, {
      invitedPartnerIds: [],
      advancedCommitmentIds: [],
      attendance: [],
      ...values,
      id: randomUUID(),
      allianceId: assertId(allianceId, 'allianceId'),
      hostPartnerId,
      updatedAt: new Date(),
    } as ActivityRow);
    await emit(em, ctx, row);
    return row;
  });
}

async function loadForWrite(ctx: PartnerContext, em: EntityManager, id: string, expectedVersion: number) {
  const row = await em.findOne(Activity, { id: assertId(id) });
  if (!row) {
    throw notFound('Activity', id);
  }
  requireEditorOf(ctx.viewer, row.hostPartnerId);
  if (row.version !== expectedVersion) {
    throw conflict(`The activity is at version ${row.version}, not ${expectedVersion}; reload it and try again`);
  }
  return row;
}

/** Edits an activity: invitations, minutes (纪要), linked commitments, times. */
export async function updateActivity(ctx: PartnerContext, id: string, expectedVersion: number, fields: ActivityFields) {
  const values = validated(fields);
  return writeTransaction(ctx, 'activity', async (em) => {
    const row = await loadForWrite(ctx, em, id, expectedVersion);
    if (values.invitedPartnerIds) {
      await ctx.runtime.memberships.assertMembers(row.allianceId, values.invitedPartnerIds, 'invitedPartnerIds');
    }
    Object.assign(row, values, { updatedAt: new Date() });
    assertTimes(row);
    await emit(em, ctx, row);
    return row;
  });
}

/** Records how many attended from each partner (出席情况). */
export async function recordAttendance(
  ctx: PartnerContext,
  id: string,
  expectedVersion: number,
  attendance: { partnerId: string; partnerName: string; attendees: number }[],
) {
  const rows = maxItems(attendance, 'attendance', 50).map((item) => {
    if (!Number.isInteger(item.attendees) || item.attendees < 0 || item.attendees > 100_000) {
      throw badInput('attendees must be a whole number from 0 to 100000', 'attendees');
    }
    return {
      partnerId: assertId(item.partnerId, 'partnerId'),
      partnerName: requiredText(item.partnerName, 'partnerName', 200),
      attendees: item.attendees,
    };
  });
  return writeTransaction(ctx, 'activity', async (em) => {
    const row = await loadForWrite(ctx, em, id, expectedVersion);
    row.attendance = rows;
    row.updatedAt = new Date();
    await emit(em, ctx, row);
    return row;
  });
}
