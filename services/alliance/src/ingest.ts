import { CommitmentStatus, type InternalIdentity, type LightThresholds, type PartnerKind } from '@hub/contracts';
import { logger } from '@hub/http/log';
import { continueTraces, inSpan } from '@hub/http/tracing';
import { backgroundFork, backgroundTransaction, errorBody, executeInBackground } from '@hub/subgraph-kit';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { applyNeed, applyResource, deliverProjectOf } from './cobuild/ingest.ts';
import { appendEvents, lockEventOrder } from './event-log.ts';
import { kindOfRelay } from './kinds.ts';
import { judge, thresholdsOf } from './lights.ts';

export { eventsChannel } from './event-log.ts';

const log = logger('alliance');

const dateOrNull = z.string().nullable();
const commitmentPayload = z.object({
  id: z.string().uuid(),
  allianceId: z.string().uuid(),
  partnerId: z.string().uuid(),
  title: z.string().max(200),
  category: z.string().max(40),
  status: z.nativeEnum(CommitmentStatus),
  progress: z.number().int().min(0).max(100),
  startDate: dateOrNull,
  dueDate: dateOrNull,
  publishedAt: dateOrNull,
  completedAt: dateOrNull,
  lastProgressAt: dateOrNull,
  updatedAt: z.string(),
});
const activityPayload = z.object({
  id: z.string().uuid(),
  allianceId: z.string().uuid(),
  hostPartnerId: z.string().uuid(),
  title: z.string().max(200),
  type: z.string().max(40),
  startsAt: z.string(),
  endsAt: dateOrNull,
  invitedPartnerIds: z.array(z.string().uuid()),
  advancedCommitmentIds: z.array(z.string().uuid()),
  updatedAt: z.string().optional(),
});
/** One partner event as a relay sends it (an item of `/ingest`'s batch, or one JetStream message). */
export const partnerEvent = z.object({
  eventId: z.string().uuid(),
  entity: z.enum(['commitment', 'activity', 'need', 'resource']),
  entityId: z.string().uuid(),
  version: z.number().int().positive(),
  payload: z.record(z.string(), z.unknown()),
});
const body = z.object({ events: z.array(partnerEvent).max(1000) });

export interface IngestStats {
  applied: number;
  duplicates: number;
  stale: number;
  rejected: number;
}

function actionOf(status: CommitmentStatus, previous: string | undefined): string {
  if (status === CommitmentStatus.COMPLETED || status === CommitmentStatus.WITHDRAWN) {
    return status;
  }
  if (!previous) {
    // First seen already under way: its publication reached the alliance folded into a later
    // version (a seeded item is sent once, as its story left it), so the news is its progress.
    return status === CommitmentStatus.IN_PROGRESS ? 'PROGRESS_REPORTED' : 'PUBLISHED';
  }
  return status === CommitmentStatus.IN_PROGRESS && previous !== CommitmentStatus.IN_PROGRESS ? 'PROGRESS_REPORTED' : 'UPDATED';
}

/** The alliance's light thresholds when the partner is a member of it (as that kind), else null. */
async function memberThresholds(
  em: EntityManager,
  allianceId: string,
  partnerId: string,
  kind: PartnerKind,
): Promise<LightThresholds | null> {
  const [row] = await executeInBackground<{ due_soon_days: number; stale_days: number }[]>(
    em,
    `select a.due_soon_days, a.stale_days from membership m join alliance a on a.id = m.alliance_id
     where m.alliance_id = ? and m.partner_id = ? and m.kind = ?`,
    [allianceId, partnerId, kind],
  );
  return row ? thresholdsOf(row) : null;
}

async function isMember(em: EntityManager, allianceId: string, partnerId: string, kind: PartnerKind): Promise<boolean> {
  return (await memberThresholds(em, allianceId, partnerId, kind)) !== null;
}

async function applyCommitment(
  em: EntityManager,
  kind: PartnerKind,
  version: number,
  raw: unknown,
): Promise<'applied' | 'stale' | 'rejected'> {
  const parsed = commitmentPayload.safeParse(raw);
  if (!parsed.success) {
    return 'rejected';
  }
  const item = parsed.data;
  const thresholds = await memberThresholds(em, item.allianceId, item.partnerId, kind);
  if (!thresholds) {
    return 'rejected';
  }
  const [previous] = await executeInBackground<{ status: string; version: number }[]>(
    em,
    'select status, version from commitment_index where id = ? for update',
    [item.id],
  );
  if (previous && previous.version >= version) {
    return 'stale';
  }
  // The light now; the reminder sweep judges the item again (swept_on null) for its reminders.
  const { light, lightReason } = judge(item, thresholds, new Date());
  await executeInBackground(
    em,
    `insert into commitment_index (id, alliance_id, partner_id, kind, title, category, status, progress, start_date, due_date,
       published_at, completed_at, last_progress_at, updated_at, version, light, light_reason, swept_on)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)
     on conflict (id) do update set title = excluded.title, category = excluded.category, status = excluded.status,
       progress = excluded.progress, start_date = excluded.start_date, due_date = excluded.due_date,
       published_at = excluded.published_at, completed_at = excluded.completed_at,
       last_progress_at = excluded.last_progress_at, updated_at = excluded.updated_at, version = excluded.version,
       light = excluded.light, light_reason = excluded.light_reason, swept_on = null`,
    [
      item.id,
      item.allianceId,
      item.partnerId,
      kind,
      item.title,
      item.category,
      item.status,
      item.progress,
      item.startDate,
      item.dueDate,
      item.publishedAt,
      item.completedAt,
      item.lastProgressAt,
      item.updatedAt,
      version,
      light,
      lightReason,
    ],
  );
  await appendEvents(em, [
    {
      allianceId: item.allianceId,
      topic: 'list',
      entityId: item.id,
      kind,
      action: actionOf(item.status, previous?.status),
      occurredAt: item.updatedAt,
    },
  ]);
  if (item.status === CommitmentStatus.COMPLETED) {
    await deliverProjectOf(em, item.id);
  }
  return 'applied';
}

async function applyActivity(
  em: EntityManager,
  kind: PartnerKind,
  version: number,
  raw: unknown,
): Promise<'applied' | 'stale' | 'rejected'> {
  const parsed = activityPayload.safeParse(raw);
  if (!parsed.success) {
    return 'rejected';
  }
  const item = parsed.data;
  if (!(await isMember(em, item.allianceId, item.hostPartnerId, kind))) {
    return 'rejected';
  }
  const [previous] = await executeInBackground<{ version: number }[]>(em, 'select version from activity_index where id = ? for update', [
    item.id,
  ]);
  if (previous && previous.version >= version) {
    return 'stale';
  }
  await executeInBackground(
    em,
    `insert into activity_index (id, alliance_id, host_partner_id, kind, title, type, starts_at, ends_at, invited_partner_ids, advanced_commitment_ids, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (id) do update set title = excluded.title, type = excluded.type, starts_at = excluded.starts_at,
       ends_at = excluded.ends_at, invited_partner_ids = excluded.invited_partner_ids,
       advanced_commitment_ids = excluded.advanced_commitment_ids, version = excluded.version`,
    [
      item.id,
      item.allianceId,
      item.hostPartnerId,
      kind,
      item.title,
      item.type,
      item.startsAt,
      item.endsAt,
      JSON.stringify(item.invitedPartnerIds),
      JSON.stringify(item.advancedCommitmentIds),
      version,
    ],
  );
  await appendEvents(em, [
    {
      allianceId: item.allianceId,
      topic: 'activity',
      entityId: item.id,
      kind,
      action: previous ? 'UPDATED' : 'CREATED',
      occurredAt: item.updatedAt,
    },
  ]);
  return 'applied';
}

/** How each entity's events are applied. */
const appliers = { commitment: applyCommitment, activity: applyActivity, need: applyNeed, resource: applyResource };

export type PartnerEvent = z.infer<typeof partnerEvent>;

/**
 * The `/ingest` route: applies a partner relay's batch of outbox events (`ingestEvents`). Only
 * relays (`relay:<kind>`) may call it.
 */
export function createIngestRoute(orm: MikroORM, totals: IngestStats) {
  return async ({ body: raw, identity }: { body: unknown; identity: InternalIdentity | null }) => {
    const kind = kindOfRelay(identity?.caller);
    if (!identity || !kind) {
      return { status: 403, body: errorBody('FORBIDDEN', 'Only partner relays may deliver events') };
    }
    const parsed = body.safeParse(raw);
    if (!parsed.success) {
      return {
        status: 400,
        body: errorBody('BAD_USER_INPUT', `Malformed batch: ${parsed.error.issues[0]?.message}`),
      };
    }
    return { status: 200, body: await ingestEvents(orm, kind, identity.caller, parsed.data.events, totals) };
  };
}

/**
 * Applies a relay's events (its identity already verified: `caller` is `kind`'s relay) in one
 * transaction, in order, and adds the outcomes to `totals`: the one ingestion path of HTTP
 * deliveries and JetStream messages. Each event id is applied at most once; a version not newer
 * than the indexed one is ignored; an event for an alliance the partner does not belong to is
 * acknowledged and counted as rejected, and so is a malformed payload (retrying could never
 * succeed). Rejects when the transaction fails (nothing applied; the sender tries again).
 * `traceparents`, when the events came without a request to continue (JetStream), are the
 * traces of the writes that queued them (ADR 0019).
 */
export async function ingestEvents(
  orm: MikroORM,
  kind: PartnerKind,
  caller: string,
  events: readonly PartnerEvent[],
  totals: IngestStats,
  traceparents: readonly (string | undefined)[] = [],
): Promise<IngestStats> {
  const stats: IngestStats = { applied: 0, duplicates: 0, stale: 0, rejected: 0 };
  const attributes = { 'hub.caller': caller, 'hub.ingest.events': events.length };
  const traces = traceparents.length > 0 ? continueTraces(traceparents) : {};
  await inSpan('alliance ingestion', { ...traces, attributes }, async (span) => {
    await ingestBatch(orm, kind, events, stats);
    span.setAttributes({
      'hub.ingest.applied': stats.applied,
      'hub.ingest.duplicates': stats.duplicates,
      'hub.ingest.rejected': stats.rejected,
    });
  });
  for (const key of Object.keys(stats) as (keyof IngestStats)[]) {
    totals[key] += stats[key];
  }
  if (stats.rejected > 0) {
    log.warn(`rejected ${stats.rejected} event(s) from ${caller}: malformed, or the partner is not a member of that alliance`);
  }
  return stats;
}

/** Applies one batch in one transaction, counting each event's outcome in `stats`. */
async function ingestBatch(orm: MikroORM, kind: PartnerKind, events: readonly PartnerEvent[], stats: IngestStats): Promise<void> {
  await backgroundTransaction(orm, async (em) => {
    // One ingestion at a time: events then commit in the order of their sequence numbers.
    await lockEventOrder(em);
    for (const item of events) {
      const fresh = await executeInBackground(
        em,
        'insert into ingested_event (event_id, received_at) values (?, now()) on conflict do nothing returning event_id',
        [item.eventId],
      );
      if (fresh.length === 0) {
        stats.duplicates += 1;
        continue;
      }
      const apply = appliers[item.entity];
      stats[await apply(em, kind, item.version, item.payload)] += 1;
    }
  });
}

/**
 * The `/members` route: the partner ids of an alliance, for partner subgraphs validating writes
 * (404 when there is no such alliance). Only partner relays may call it.
 */
export function createMembersRoute(orm: MikroORM) {
  return async ({ body: raw, identity }: { body: unknown; identity: InternalIdentity | null }) => {
    if (!kindOfRelay(identity?.caller)) {
      return { status: 403, body: errorBody('FORBIDDEN', 'Only partner subgraphs may ask') };
    }
    const parsed = z.object({ allianceId: z.string().uuid() }).safeParse(raw);
    if (!parsed.success) {
      return { status: 400, body: errorBody('BAD_USER_INPUT', 'Give { allianceId }') };
    }
    const em = backgroundFork(orm);
    const alliance = await executeInBackground(em, 'select 1 from alliance where id = ?', [parsed.data.allianceId]);
    if (alliance.length === 0) {
      return { status: 404, body: errorBody('NOT_FOUND', 'No such alliance') };
    }
    const rows = await executeInBackground<{ partner_id: string }[]>(em, 'select partner_id from membership where alliance_id = ?', [
      parsed.data.allianceId,
    ]);
    return { status: 200, body: { partnerIds: rows.map((row) => row.partner_id) } };
  };
}

/** How long ingested event ids (for idempotency) and the live event table are kept. */
const keepEventsDays = 30;

/**
 * Deletes ingested event ids received over 30 days ago (partners prune their delivered outbox
 * rows after a week, so no older event can arrive again) and live events that happened over 30
 * days ago — except the latest event of each commitment and activity, kept until a newer one
 * replaces it: a partner's change is dated when it happened (`appendEvents`), so one delivered
 * late (a relay's backlog, the demo's seeded year) is old on arrival and must not vanish at the
 * next pruning. A dashboard resuming from an older cursor gets what is kept.
 */
export async function pruneOldEvents(orm: MikroORM): Promise<void> {
  const em = backgroundFork(orm);
  await executeInBackground(em, `delete from ingested_event where received_at < now() - interval '${keepEventsDays} days'`);
  // Remember the newest pruned cursor: resuming from before it is refused (CURSOR_EXPIRED).
  await executeInBackground(
    em,
    `with latest as (
       select max(seq) as seq from alliance_event where topic in ('list', 'activity') group by topic, entity_id
     ),
     pruned as (
       delete from alliance_event where created_at < now() - interval '${keepEventsDays} days' and seq not in (select seq from latest)
       returning seq
     )
     update event_retention set pruned_through = greatest(pruned_through, (select coalesce(max(seq), 0) from pruned)) where id = 1`,
  );
}
