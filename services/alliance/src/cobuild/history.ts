import { randomUUID } from 'node:crypto';
import type { Viewer } from '@hub/contracts';
import { executeInBackground } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendEvents } from '../event-log.ts';
import type { CobuildAction } from './entities.ts';

/** Who signs what the hub does by itself (the claim hall, a project delivered by its commitments). */
export const hubActor = '系统';

/** Who signs a step taken by a user: the display name from the token, else the subject (as reminders do). */
export const actorOf = (viewer: Viewer) => viewer.name ?? viewer.subject;

export interface NewChange {
  allianceId: string;
  actor: string;
  action: CobuildAction;
  needId?: string | null;
  resourceId?: string | null;
  claimId?: string | null;
  projectId?: string | null;
  detail?: string | null;
  /** When it happened, if not now: a partner's step arriving through its outbox happened when the partner took it. */
  at?: Date | string | null;
}

/**
 * Records steps of 三张清单 (`cobuild_change`, stamped with the clock rather than the transaction's
 * start unless the step says when it happened, so steps taken together keep their order) and appends one live event per step (topic
 * `cobuild`, the change's id as entity), in one statement each, so history, live views and the
 * gateway's cached answers follow every write. The caller holds the event-order lock.
 */
export async function recordChanges(em: EntityManager, changes: readonly NewChange[]): Promise<void> {
  if (changes.length === 0) {
    return;
  }
  const rows = changes.map((change) => ({
    id: randomUUID(),
    alliance_id: change.allianceId,
    actor: change.actor.slice(0, 200),
    action: change.action,
    need_id: change.needId ?? null,
    resource_id: change.resourceId ?? null,
    claim_id: change.claimId ?? null,
    project_id: change.projectId ?? null,
    detail: change.detail ?? null,
    at: change.at ? new Date(change.at).toISOString() : null,
  }));
  await executeInBackground(
    em,
    `insert into cobuild_change (id, alliance_id, at, actor, action, need_id, resource_id, claim_id, project_id, detail)
     select c.id, c.alliance_id, coalesce(c.at, clock_timestamp()), c.actor, c.action, c.need_id, c.resource_id, c.claim_id, c.project_id, c.detail
     from json_to_recordset(?::json) as c(id uuid, alliance_id uuid, actor text, action text, need_id uuid, resource_id uuid,
       claim_id uuid, project_id uuid, detail text, at timestamptz)`,
    [JSON.stringify(rows)],
  );
  await appendEvents(
    em,
    rows.map((row) => ({ allianceId: row.alliance_id, topic: 'cobuild', entityId: row.id, kind: '', action: row.action })),
  );
}
