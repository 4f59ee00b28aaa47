import pg from 'pg';
import type { ListView } from './soak-subscribers.ts';

/** Delivery to one kind of view, against the events the alliance stored. */
export interface DeliveryCheck {
  readonly views: number;
  /** Events the views had to receive (per view, summed). */
  readonly expected: number;
  readonly delivered: number;
  readonly lost: number;
  /** Cursors received again, or below one received before. */
  readonly duplicated: number;
  /** Cursors received that are no list event of the view's alliance. */
  readonly unexpected: number;
  /** Views that missed at least one event. */
  readonly viewsMissingEvents: number;
  /** The first few problems, to name them: `lost <alliance>#<seq>`, `duplicated …`, `unexpected …`. */
  readonly examples: string[];
}

export interface DeliveryReport {
  /** Per alliance, list events stored after the earliest long-lived subscriber's start cursor. */
  readonly published: Record<string, number>;
  /** The long-lived views: every event after their start cursor, up to the newest. */
  readonly core: DeliveryCheck;
  /** The views that came and went: every event between their start cursor and the last they received (resumptions must leave no gap). */
  readonly churn: DeliveryCheck;
}

/** The cursors of an alliance's list events after `after`, in order, from the alliance's database. */
export async function storedListEvents(allianceDatabaseUrl: string, allianceId: string, after: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: allianceDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: string }>(
      `select seq::text from alliance_event where alliance_id = $1 and topic = 'list' and seq > $2 order by seq`,
      [allianceId, after],
    );
    return rows.map((row) => Number(row.seq));
  } finally {
    await client.end();
  }
}

/** Compares each view with the stored events; `stored` holds each alliance's events after every view's start. */
export function checkViews(views: readonly ListView[], stored: ReadonlyMap<string, readonly number[]>): DeliveryCheck {
  const totals = { expected: 0, delivered: 0, lost: 0, duplicated: 0, unexpected: 0, viewsMissingEvents: 0 };
  const examples: string[] = [];
  const example = (line: string) => {
    if (examples.length < 20) {
      examples.push(line);
    }
  };
  for (const view of views) {
    const events = stored.get(view.allianceId) ?? [];
    // Long-lived views must have everything; the others up to the last cursor they received.
    const until = view.core ? Number.POSITIVE_INFINITY : view.last;
    const expected = events.filter((seq) => seq > view.startCursor && seq <= until);
    const received = new Set(view.received);
    const lost = expected.filter((seq) => !received.has(seq));
    const known = new Set(expected);
    const unexpected = view.received.filter((seq) => !known.has(seq));
    totals.expected += expected.length;
    totals.delivered += view.received.length - unexpected.length;
    totals.lost += lost.length;
    totals.duplicated += view.repeated.length;
    totals.unexpected += unexpected.length;
    totals.viewsMissingEvents += lost.length ? 1 : 0;
    const tag = `${view.allianceId.slice(0, 8)}#`;
    for (const seq of lost.slice(0, 3)) {
      example(`lost ${tag}${seq} (view started after ${view.startCursor}, last received ${view.last})`);
    }
    for (const repeat of view.repeated.slice(0, 3)) {
      const again = `connection ${repeat.againConnection} (subscribed after ${repeat.againAfter})`;
      const where =
        repeat.firstConnection < 0
          ? `out of order on ${again}`
          : repeat.firstConnection === repeat.againConnection
            ? `twice on ${again}`
            : `on connection ${repeat.firstConnection}, again on ${again}`;
      example(`duplicated ${tag}${repeat.cursor}: ${where}`);
    }
    for (const seq of unexpected.slice(0, 3)) {
      example(`unexpected ${tag}${seq}`);
    }
  }
  return { views: views.length, ...totals, examples };
}
