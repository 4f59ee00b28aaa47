import { type LightInput, type LightReason, type LightThresholds, type TrafficLight, trafficLight } from '@hub/contracts';
import { executeInBackground } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendEvents } from './event-log.ts';

/**
 * The index's copy of each item's traffic light. The light is judged by the one rule
 * (`trafficLight` in @hub/contracts) and stored with the item, so the list can be filtered by it
 * and every reader sees the same value: judged again when the item changes (ingestion), when its
 * alliance's thresholds change (here), and each day by the reminder sweep (reminder-sweep.ts).
 */

/** The light columns of an index row. */
export interface LightColumns {
  light: TrafficLight | null;
  lightReason: LightReason | null;
}

/** An alliance's thresholds as its row holds them. */
export function thresholdsOf(row: { due_soon_days: number; stale_days: number }): LightThresholds {
  return { dueSoonDays: row.due_soon_days, staleDays: row.stale_days };
}

/** The light of an item at `now` as index columns (both null for an item that has none). */
export function judge(item: LightInput, thresholds: LightThresholds, now: Date): LightColumns {
  const verdict = trafficLight(item, thresholds, now);
  return { light: verdict?.light ?? null, lightReason: verdict?.reason ?? null };
}

/** An index row as raw SQL returns it (snake case), enough to judge it. */
export interface IndexedItem {
  id: string;
  alliance_id: string;
  partner_id: string;
  kind: string;
  title: string;
  status: string;
  progress: number;
  start_date: string | null;
  due_date: string | null;
  published_at: Date | null;
  last_progress_at: Date | null;
  light: string | null;
  light_reason: string | null;
}

/** The columns of `IndexedItem`, for `select`s over `commitment_index c`. */
export const indexedItemColumns = `c.id, c.alliance_id, c.partner_id, c.kind, c.title, c.status, c.progress,
  to_char(c.start_date, 'YYYY-MM-DD') as start_date, to_char(c.due_date, 'YYYY-MM-DD') as due_date,
  c.published_at, c.last_progress_at, c.light, c.light_reason`;

/** What the rule reads of an indexed item. */
export function lightInputOf(item: IndexedItem): LightInput {
  return {
    status: item.status,
    progress: item.progress,
    startDate: item.start_date,
    dueDate: item.due_date,
    publishedAt: item.published_at,
    lastProgressAt: item.last_progress_at,
  };
}

/**
 * Stores new lights (and, when `sweptOn` is given, the day they were judged for) of indexed
 * items in one statement, and appends a list event `UPDATED` for each item whose light changed,
 * so live views and cached answers follow. The caller holds the event-order lock.
 */
export async function storeLights(
  em: EntityManager,
  judged: readonly { item: IndexedItem; columns: LightColumns }[],
  sweptOn: string | null,
): Promise<number> {
  if (judged.length === 0) {
    return 0;
  }
  await executeInBackground(
    em,
    `update commitment_index c set light = j.light, light_reason = j.light_reason, swept_on = ?::date
     from json_to_recordset(?::json) as j(id uuid, light text, light_reason text) where c.id = j.id`,
    [
      sweptOn,
      JSON.stringify(judged.map(({ item, columns }) => ({ id: item.id, light: columns.light, light_reason: columns.lightReason }))),
    ],
  );
  const changed = judged.filter(({ item, columns }) => item.light !== columns.light || item.light_reason !== columns.lightReason);
  await appendEvents(
    em,
    changed.map(({ item }) => ({
      allianceId: item.alliance_id,
      topic: 'list',
      entityId: item.id,
      kind: item.kind,
      action: 'UPDATED',
    })),
  );
  return changed.length;
}

/** Items judged per statement when a whole alliance is judged again. */
const batchSize = 2000;

/**
 * Judges every open item of an alliance again with its (new) thresholds, in batches, and marks
 * them for the reminder sweep (a wider due-soon window may call for reminders). The caller holds
 * the event-order lock, in the transaction that changed the thresholds.
 */
export async function judgeAllianceAgain(em: EntityManager, allianceId: string, thresholds: LightThresholds, now: Date): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  while (true) {
    const items = await executeInBackground<IndexedItem[]>(
      em,
      `select ${indexedItemColumns} from commitment_index c
       where c.alliance_id = ? and c.status in ('PUBLISHED', 'IN_PROGRESS') and c.id > ? order by c.id limit ?`,
      [allianceId, after, batchSize],
    );
    await storeLights(
      em,
      items.map((item) => ({ item, columns: judge(lightInputOf(item), thresholds, now) })),
      null,
    );
    if (items.length < batchSize) {
      return;
    }
    after = items.at(-1)?.id ?? after;
  }
}
