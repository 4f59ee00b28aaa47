import { randomUUID } from 'node:crypto';
import { currentTraceparent } from '@hub/http/tracing';
import { conflict } from '@hub/subgraph-kit';
import { type EntityManager, OptimisticLockError } from '@mikro-orm/postgresql';
import type { PartnerContext } from './context.ts';
import { Outbox, type OutboxRow } from './entities.ts';

/**
 * Runs a write in one transaction and wakes the outbox relay once it committed. Losing an
 * optimistic-lock race becomes CONFLICT, naming `what` ("commitment", "activity").
 */
export async function writeTransaction<T>(ctx: PartnerContext, what: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    const result = await ctx.em.transactional(work);
    ctx.runtime.nudgeRelay();
    return result;
  } catch (error) {
    if (error instanceof OptimisticLockError) {
      throw conflict(`The ${what} was changed by someone else meanwhile; reload it and try again`);
    }
    throw error;
  }
}

/** Queues the outbox row that carries one version of an item to the alliance, with the trace of the write. */
export function queueEvent(
  em: EntityManager,
  entity: OutboxRow['entity'],
  item: { id: string; version: number },
  payload: Record<string, unknown>,
) {
  em.create(Outbox, {
    eventId: randomUUID(),
    entity,
    entityId: item.id,
    version: item.version,
    payload,
    createdAt: new Date(),
    traceparent: currentTraceparent() ?? null,
  } as never);
}

/** Flushes the row first (the flush bumps its version), then queues the event for that version. */
export async function flushAndQueueEvent(
  em: EntityManager,
  entity: OutboxRow['entity'],
  item: { id: string; version: number },
  payload: () => Record<string, unknown>,
): Promise<void> {
  await em.flush();
  queueEvent(em, entity, item, payload());
}
