import { randomUUID } from 'node:crypto';
import { type AutomaticReminderTrigger, addDays, automaticReminders, hubDay, type LightReason } from '@hub/contracts';
import { logger } from '@hub/http/log';
import { backgroundFork, backgroundTransaction, executeInBackground } from '@hub/subgraph-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { sweepClaimHall } from './cobuild/claim-hall-sweep.ts';
import { appendEvents, lockEventOrder } from './event-log.ts';
import { type IndexedItem, indexedItemColumns, judge, lightInputOf, storeLights, thresholdsOf } from './lights.ts';

const log = logger('alliance');

/**
 * The reminder sweep (督办巡检): once a day per open item, and again after each change of it,
 * judges its traffic light anew (days pass) and sends the automatic reminders it calls for —
 * `DUE_SOON` dueSoonDays before its due date, `TURNED_RED` when its light is red — each once per
 * item and occasion (ADR 0010). Every replica of the alliance may sweep at the same time:
 * - batches take the event-order lock (events commit in sequence order; ingestion and other
 *   sweeps wait), and claim only items not yet judged today (`swept_on`), which the batch then
 *   marks: a second replica finds them done;
 * - a reminder's `(commitment_id, auto_key)` is unique and inserted with `on conflict do
 *   nothing`: even two sweeps judging one item (after a change of it, or with clocks a day
 *   apart) send its reminder once.
 */

/** Days the partner is given to answer an automatic reminder (not beyond the due date when that comes first). */
const replyDays = 7;

/** Items judged per transaction. */
const defaultBatchSize = 500;

export interface SweepOutcome {
  /** Items judged. */
  judged: number;
  /** Of them, items whose light changed. */
  lightsChanged: number;
  /** Automatic reminders sent (not counting those another sweep had sent already). */
  remindersSent: number;
}

const reasonText: Record<LightReason, string> = {
  OVERDUE: '已超过完成时限',
  LONG_NO_PROGRESS: '长期未报告进展',
  DUE_SOON_BEHIND: '临近完成时限且进度滞后',
  NO_RECENT_PROGRESS: '较长时间未报告进展',
  ON_TRACK: '按计划推进',
};

/** The message of an automatic reminder, in the hub's language (the web app shows it as written). */
function messageOf(trigger: AutomaticReminderTrigger, item: IndexedItem, reason: LightReason | null, today: string): string {
  if (trigger === 'DUE_SOON') {
    const left = item.due_date ? Math.max(0, Math.round((Date.parse(item.due_date) - Date.parse(today)) / 86_400_000)) : 0;
    return left === 0
      ? `「${item.title}」今天（${item.due_date}）到期，请抓紧完成并及时报告进展。`
      : `「${item.title}」将于 ${item.due_date} 到期（还有 ${left} 天），请抓紧推进并及时报告进展。`;
  }
  return `「${item.title}」已亮红灯（${reason ? reasonText[reason] : '红灯'}），请说明情况、报告进展，需要延期的请提出新的完成时限。`;
}

function replyByOf(trigger: AutomaticReminderTrigger, item: IndexedItem, today: string): string {
  const byDefault = addDays(today, replyDays);
  return trigger === 'DUE_SOON' && item.due_date && item.due_date < byDefault ? item.due_date : byDefault;
}

/**
 * Sweeps once: judges every open item not yet judged on the hub's day of `now` (of one alliance
 * when `allianceId` is given), batch after batch, until none is left. Returns what it did.
 */
export async function sweepReminders(
  orm: MikroORM,
  options: { now?: Date; allianceId?: string; batchSize?: number } = {},
): Promise<SweepOutcome> {
  const now = options.now ?? new Date();
  const today = hubDay(now);
  const batchSize = options.batchSize ?? defaultBatchSize;
  const scope = options.allianceId ? 'and c.alliance_id = ?' : '';
  const scopeParams = options.allianceId ? [options.allianceId] : [];
  const due = `c.status in ('PUBLISHED', 'IN_PROGRESS') and (c.swept_on is null or c.swept_on < ?::date) ${scope}`;
  const outcome: SweepOutcome = { judged: 0, lightsChanged: 0, remindersSent: 0 };
  while (true) {
    // Nothing to do is the common case: find that out without taking the lock.
    const [pending] = await executeInBackground<unknown[]>(backgroundFork(orm), `select 1 from commitment_index c where ${due} limit 1`, [
      today,
      ...scopeParams,
    ]);
    if (!pending) {
      return outcome;
    }
    const batch = await backgroundTransaction(orm, async (em) => {
      await lockEventOrder(em);
      const items = await executeInBackground<(IndexedItem & { due_soon_days: number; stale_days: number })[]>(
        em,
        `select ${indexedItemColumns}, a.due_soon_days, a.stale_days
         from commitment_index c join alliance a on a.id = c.alliance_id
         where ${due} order by c.id limit ? for update of c skip locked`,
        [today, ...scopeParams, batchSize],
      );
      const judged = items.map((item) => ({ item, columns: judge(lightInputOf(item), thresholdsOf(item), now) }));
      const lightsChanged = await storeLights(em, judged, today);
      const wanted = judged.flatMap(({ item, columns }) =>
        automaticReminders(lightInputOf(item), thresholdsOf(item), now).map(({ trigger, occasion }) => ({
          id: randomUUID(),
          alliance_id: item.alliance_id,
          commitment_id: item.id,
          partner_id: item.partner_id,
          kind: item.kind,
          trigger,
          auto_key: `${trigger}:${occasion}`,
          message: messageOf(trigger, item, columns.lightReason, today),
          reply_by: replyByOf(trigger, item, today),
        })),
      );
      const sent =
        wanted.length === 0
          ? []
          : await executeInBackground<{ id: string; alliance_id: string; partner_id: string; kind: string }[]>(
              em,
              `insert into reminder (id, alliance_id, commitment_id, partner_id, kind, trigger, auto_key, message, reply_by, sent_at, status, version)
               select r.id, r.alliance_id, r.commitment_id, r.partner_id, r.kind, r.trigger, r.auto_key, r.message, r.reply_by, now(), 'OPEN', 1
               from json_to_recordset(?::json) as r(id uuid, alliance_id uuid, commitment_id uuid, partner_id uuid, kind text,
                 trigger text, auto_key text, message text, reply_by date)
               on conflict (commitment_id, auto_key) do nothing
               returning id, alliance_id, partner_id, kind`,
              [JSON.stringify(wanted)],
            );
      await appendEvents(
        em,
        sent.map((row) => ({
          allianceId: row.alliance_id,
          topic: 'reminder',
          entityId: row.id,
          kind: row.kind,
          action: 'SENT',
          partnerId: row.partner_id,
        })),
      );
      return { judged: items.length, lightsChanged, remindersSent: sent.length };
    });
    outcome.judged += batch.judged;
    outcome.lightsChanged += batch.lightsChanged;
    outcome.remindersSent += batch.remindersSent;
    if (batch.judged === 0) {
      // What is left is locked by another sweep (or ingestion): it is that one's to judge.
      return outcome;
    }
  }
}

/**
 * Runs the sweeps now and then `intervalMs` after each run ends (0: never): the reminder sweep,
 * then the claim-hall sweep (cobuild/claim-hall-sweep.ts). A failed run is logged and the next
 * one tries again. `stop()` ends it and waits for a run in progress.
 */
export function scheduleReminderSweep(orm: MikroORM, intervalMs: number): { stop: () => Promise<void> } {
  if (intervalMs <= 0) {
    return { stop: async () => {} };
  }
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = sweepReminders(orm)
      .then(() => sweepClaimHall(orm))
      .then(
        () => undefined,
        (error: unknown) => {
          if (!stopped) {
            log.warn({ err: error }, `the reminder or claim-hall sweep failed; it runs again in ${intervalMs} ms`);
          }
        },
      );
    void running.then(() => {
      if (!stopped) {
        timer = setTimeout(tick, intervalMs);
      }
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
