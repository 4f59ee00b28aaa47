import { backgroundTransaction, executeInBackground } from '@hub/subgraph-kit';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { lockEventOrder } from '../event-log.ts';
import { hubActor, recordChanges } from './history.ts';

/**
 * The claim-hall sweep: a published need nobody has claimed (no open claim, no project) for its
 * alliance's claimHallDays goes to the claim hall (领办大厅). The hall itself is derived at every
 * read (needs.ts); the sweep notices each entry once — it stamps `hall_since` and records an
 * ENTERED_CLAIM_HALL step (history and live event), which is how the coordinator is told.
 * Any number of replicas may sweep at once: the stamp is set only where it is still null, under
 * the event-order lock, so each need enters once.
 */

function dueNeeds(allianceId: string | undefined): string {
  return `n.status = 'PUBLISHED' and n.hall_since is null and n.published_at <= ?::timestamptz - make_interval(days => a.claim_hall_days)
    and not exists (select 1 from claim c where c.need_id = n.id and c.status = 'PENDING')
    and not exists (select 1 from project p where p.need_id = n.id) ${allianceId ? 'and n.alliance_id = ?' : ''}`;
}

/**
 * Stamps and records the needs (of one alliance, or all) that are due in the hall at `now`.
 * The caller holds the event-order lock in its transaction. Returns how many entered.
 */
export async function enterClaimHall(em: EntityManager, now: Date, allianceId?: string): Promise<number> {
  const entered = await executeInBackground<{ id: string; alliance_id: string; title: string }[]>(
    em,
    `update need_index n set hall_since = ?::timestamptz from alliance a
     where a.id = n.alliance_id and ${dueNeeds(allianceId)}
     returning n.id, n.alliance_id, n.title`,
    [now, now, ...(allianceId ? [allianceId] : [])],
  );
  await recordChanges(
    em,
    entered.map((need) => ({
      allianceId: need.alliance_id,
      actor: hubActor,
      action: 'ENTERED_CLAIM_HALL' as const,
      needId: need.id,
      detail: need.title,
    })),
  );
  return entered.length;
}

/** Sweeps once (every alliance); returns how many needs entered the hall. */
export async function sweepClaimHall(orm: MikroORM, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  return backgroundTransaction(orm, async (em) => {
    // Nothing to do is the common case: find that out before taking the lock.
    const [pending] = await executeInBackground<unknown[]>(
      em,
      `select 1 from need_index n join alliance a on a.id = n.alliance_id where ${dueNeeds(undefined)} limit 1`,
      [now],
    );
    if (!pending) {
      return 0;
    }
    await lockEventOrder(em);
    return enterClaimHall(em, now);
  });
}
