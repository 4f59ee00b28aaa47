import type { PartnerKind } from '@hub/contracts';
import { executeInBackground } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AllianceEventRow } from './entities.ts';

/** The channel on which the alliance announces new rows of `alliance_event`. */
export const eventsChannel = 'alliance_events';
/** Advisory lock serializing the transactions that append events (an arbitrary constant of this database). */
const eventOrderLockKey = 7_401_001;

/**
 * Takes the event-order lock for the rest of the transaction. Every transaction that appends
 * to `alliance_event` takes it first, so events commit in the order of their sequence numbers:
 * a live stream that has read up to a cursor never sees an earlier one appear afterwards.
 */
export async function lockEventOrder(em: EntityManager): Promise<void> {
  await executeInBackground(em, 'select pg_advisory_xact_lock(?)', [eventOrderLockKey]);
}

/** An ISO date-time PostgreSQL reads as the same instant, or null (a partner's malformed time is not trusted). */
function validInstant(value: string | null | undefined): string | null {
  const instant = value ? new Date(value) : null;
  return instant && !Number.isNaN(instant.getTime()) ? instant.toISOString() : null;
}

export interface NewEvent {
  allianceId: string;
  topic: AllianceEventRow['topic'] | 'alliance';
  entityId: string;
  kind: PartnerKind | '';
  action: string;
  /** Set for reminder events: they are streamed to that partner. */
  partnerId?: string | null;
  /**
   * When the change happened, if earlier than now: a partner's change reaches the alliance
   * through its outbox, possibly long after (a relay's backlog, the demo's year). Default: now.
   */
  occurredAt?: string | null;
}

/**
 * Appends events in one statement and wakes the streams of their alliances (and partners) when
 * the transaction commits. The caller holds the event-order lock (`lockEventOrder`).
 * `created_at` is when the change happened (`occurredAt`, never later than now), which the feed
 * shows as `occurredAt`; the cursor (`seq`) keeps the order of appending, so `created_at` need
 * not grow with it (`pruneOldEvents` allows for that).
 */
export async function appendEvents(em: EntityManager, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) {
    return;
  }
  await executeInBackground(
    em,
    `insert into alliance_event (alliance_id, topic, entity_id, kind, action, partner_id, created_at)
     select e.alliance_id, e.topic, e.entity_id, e.kind, e.action, e.partner_id, least(coalesce(e.occurred_at, now()), now())
     from json_to_recordset(?::json) as e(alliance_id uuid, topic text, entity_id uuid, kind text, action text, partner_id uuid, occurred_at timestamptz)`,
    [
      JSON.stringify(
        events.map((event) => ({
          alliance_id: event.allianceId,
          topic: event.topic,
          entity_id: event.entityId,
          kind: event.kind,
          action: event.action,
          partner_id: event.partnerId ?? null,
          occurred_at: validInstant(event.occurredAt),
        })),
      ),
    ],
  );
  const wake = new Set(events.flatMap((event) => [event.allianceId, ...(event.partnerId ? [event.partnerId] : [])]));
  for (const key of wake) {
    await executeInBackground(em, 'select pg_notify(?, ?)', [eventsChannel, key]);
  }
}
