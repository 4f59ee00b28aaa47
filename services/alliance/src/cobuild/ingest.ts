import { needIndexPayload, resourceIndexPayload } from '@hub/cobuild';
import type { PartnerKind } from '@hub/contracts';
import { executeInBackground } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CobuildAction } from './entities.ts';
import { hubActor, type NewChange, recordChanges } from './history.ts';

/**
 * Ingestion of 三张清单's index events (entity `need` or `resource` of `/ingest`), and the one
 * consequence a commitment event can have here: the project it belongs to delivered. The caller
 * (ingest.ts) runs them in its transaction, holding the event-order lock, once per event id.
 */

type Outcome = 'applied' | 'stale' | 'rejected';

/** The registered name of a member partner (as that kind), or null when it is not a member of the alliance. */
async function memberName(em: EntityManager, allianceId: string, partnerId: string, kind: PartnerKind): Promise<string | null> {
  const [row] = await executeInBackground<{ partner_name: string }[]>(
    em,
    'select partner_name from membership where alliance_id = ? and partner_id = ? and kind = ?',
    [allianceId, partnerId, kind],
  );
  return row?.partner_name ?? null;
}

function actionOf(item: 'NEED' | 'RESOURCE', status: string, previous: string | undefined): CobuildAction {
  if (status === 'WITHDRAWN') {
    return `${item}_WITHDRAWN`;
  }
  return previous === 'PUBLISHED' ? `${item}_UPDATED` : `${item}_PUBLISHED`;
}

/** When the partner took the step: its publication for a first publish, else its last change. */
function whenTaken(item: { status: string; publishedAt: string | null; updatedAt: string }, previous: { status: string } | undefined) {
  return item.status === 'PUBLISHED' && previous?.status !== 'PUBLISHED' && item.publishedAt ? item.publishedAt : item.updatedAt;
}

export async function applyNeed(em: EntityManager, kind: PartnerKind, version: number, raw: unknown): Promise<Outcome> {
  const parsed = needIndexPayload.safeParse(raw);
  if (!parsed.success) {
    return 'rejected';
  }
  const need = parsed.data;
  const partnerName = await memberName(em, need.allianceId, need.partnerId, kind);
  if (partnerName === null) {
    return 'rejected';
  }
  const [previous] = await executeInBackground<{ status: string; version: number; partner_id: string }[]>(
    em,
    'select status, version, partner_id from need_index where id = ? for update',
    [need.id],
  );
  if (previous && previous.partner_id !== need.partnerId) {
    return 'rejected'; // another partner's need
  }
  if (previous && previous.version >= version) {
    return 'stale';
  }
  await executeInBackground(
    em,
    `insert into need_index (id, alliance_id, partner_id, kind, title, category, tags, place, wanted_by, help, status, published_at, updated_at, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (id) do update set title = excluded.title, category = excluded.category, tags = excluded.tags, place = excluded.place,
       wanted_by = excluded.wanted_by, help = excluded.help, status = excluded.status, published_at = excluded.published_at,
       updated_at = excluded.updated_at, version = excluded.version`,
    [
      need.id,
      need.allianceId,
      need.partnerId,
      kind,
      need.title,
      need.category,
      JSON.stringify(need.tags),
      need.place,
      need.wantedBy,
      JSON.stringify(need.help),
      need.status,
      need.publishedAt,
      need.updatedAt,
      version,
    ],
  );
  const changes: NewChange[] = [
    {
      allianceId: need.allianceId,
      actor: partnerName,
      action: actionOf('NEED', need.status, previous?.status),
      needId: need.id,
      detail: need.title,
      at: whenTaken(need, previous),
    },
  ];
  if (need.status === 'WITHDRAWN') {
    // A withdrawn need is claimed no more: its open claims close with it.
    const closed = await executeInBackground<{ id: string }[]>(
      em,
      `update claim set status = 'WITHDRAWN', note = '需求已撤回', decided_at = now(), decided_by = ?, version = version + 1
       where need_id = ? and status = 'PENDING' returning id`,
      [partnerName, need.id],
    );
    changes.push(
      ...closed.map((claim) => ({
        allianceId: need.allianceId,
        actor: partnerName,
        action: 'CLAIM_WITHDRAWN' as const,
        needId: need.id,
        claimId: claim.id,
        detail: '需求已撤回',
      })),
    );
  }
  await recordChanges(em, changes);
  return 'applied';
}

export async function applyResource(em: EntityManager, kind: PartnerKind, version: number, raw: unknown): Promise<Outcome> {
  const parsed = resourceIndexPayload.safeParse(raw);
  if (!parsed.success) {
    return 'rejected';
  }
  const resource = parsed.data;
  const partnerName = await memberName(em, resource.allianceId, resource.partnerId, kind);
  if (partnerName === null) {
    return 'rejected';
  }
  const [previous] = await executeInBackground<{ status: string; version: number; partner_id: string }[]>(
    em,
    'select status, version, partner_id from resource_index where id = ? for update',
    [resource.id],
  );
  if (previous && previous.partner_id !== resource.partnerId) {
    return 'rejected'; // another partner's resource
  }
  if (previous && previous.version >= version) {
    return 'stale';
  }
  await executeInBackground(
    em,
    `insert into resource_index (id, alliance_id, partner_id, kind, title, category, tags, place, available_from, available_until,
       offers, status, published_at, updated_at, version)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (id) do update set title = excluded.title, category = excluded.category, tags = excluded.tags, place = excluded.place,
       available_from = excluded.available_from, available_until = excluded.available_until, offers = excluded.offers,
       status = excluded.status, published_at = excluded.published_at, updated_at = excluded.updated_at, version = excluded.version`,
    [
      resource.id,
      resource.allianceId,
      resource.partnerId,
      kind,
      resource.title,
      resource.category,
      JSON.stringify(resource.tags),
      resource.place,
      resource.availableFrom,
      resource.availableUntil,
      JSON.stringify(resource.offers),
      resource.status,
      resource.publishedAt,
      resource.updatedAt,
      version,
    ],
  );
  await recordChanges(em, [
    {
      allianceId: resource.allianceId,
      actor: partnerName,
      action: actionOf('RESOURCE', resource.status, previous?.status),
      resourceId: resource.id,
      detail: resource.title,
      at: whenTaken(resource, previous),
    },
  ]);
  return 'applied';
}

/**
 * After a commitment's index row changed: when it is one of an active project's commitments
 * and every commitment of that project is now completed (销项) in the index, the project is
 * delivered — the needing partner may evaluate it.
 */
export async function deliverProjectOf(em: EntityManager, commitmentId: string): Promise<void> {
  const delivered = await executeInBackground<{ id: string; alliance_id: string; need_id: string; title: string }[]>(
    em,
    `update project p set status = 'DELIVERED', delivered_at = now(), version = p.version + 1
     where p.status = 'ACTIVE' and p.id = (select project_id from project_assignment where commitment_id = ?)
       and not exists (
         select 1 from project_assignment a
         left join commitment_index c on c.id = a.commitment_id and c.partner_id = a.partner_id
         where a.project_id = p.id and (c.status is null or c.status <> 'COMPLETED'))
     returning p.id, p.alliance_id, p.need_id, p.title`,
    [commitmentId],
  );
  await recordChanges(
    em,
    delivered.map((project) => ({
      allianceId: project.alliance_id,
      actor: hubActor,
      action: 'PROJECT_DELIVERED' as const,
      needId: project.need_id,
      projectId: project.id,
      detail: project.title,
    })),
  );
}
