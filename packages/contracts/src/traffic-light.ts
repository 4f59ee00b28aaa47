/**
 * The traffic light (红黄绿灯) of a joint-list item: the one rule, used wherever a light is shown
 * or counted (the alliance's index and API, hence the wall, the tracking view, the ledger and the
 * report). Pure: no clock, no database; the caller passes the instant it means by "now".
 *
 * Days are calendar days in the hub's zone (Asia/Shanghai, UTC+8, no daylight saving): a due date
 * is the last day of its term, so an item is overdue from the next day on.
 */

/** The hub's zone: its alliances are in China (the web app shows days and times in it too). */
export const hubTimeZone = 'Asia/Shanghai';

export type TrafficLight = 'GREEN' | 'YELLOW' | 'RED';

/** Why an item has its light; the first rule that holds, in this order of severity. */
export type LightReason =
  /** Red: the due date has passed. */
  | 'OVERDUE'
  /** Red: no progress for 2 × staleDays days. */
  | 'LONG_NO_PROGRESS'
  /** Yellow: due within dueSoonDays days and progress behind schedule. */
  | 'DUE_SOON_BEHIND'
  /** Yellow: no progress for staleDays days. */
  | 'NO_RECENT_PROGRESS'
  /** Green: none of the above. */
  | 'ON_TRACK';

/** An alliance's thresholds, set by its coordinator. */
export interface LightThresholds {
  /** "Due soon": the due date is at most this many days away (0: due today). */
  readonly dueSoonDays: number;
  /** "No progress": this many days since the last progress (or publication); twice as many is red. */
  readonly staleDays: number;
}

/** Thresholds of an alliance whose coordinator has set none. */
export const defaultLightThresholds: LightThresholds = Object.freeze({ dueSoonDays: 14, staleDays: 30 });

/** The range of each threshold (days), as the API accepts it. */
export const lightThresholdRange = Object.freeze({ min: 1, max: 365 });

/** What the rule reads of an item: what the alliance's index holds of it. */
export interface LightInput {
  readonly status: string;
  /** Percent done, 0–100. */
  readonly progress: number;
  /** `YYYY-MM-DD` (calendar days, as the `Date` scalar). */
  readonly startDate?: string | null;
  readonly dueDate?: string | null;
  readonly publishedAt?: Date | string | null;
  readonly lastProgressAt?: Date | string | null;
}

export interface LightVerdict {
  readonly light: TrafficLight;
  readonly reason: LightReason;
}

/** Statuses that have a light: published and not yet closed (completed or withdrawn). */
const openStatuses = new Set(['PUBLISHED', 'IN_PROGRESS']);

const dayParts = new Intl.DateTimeFormat('en-CA', { timeZone: hubTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the hub's zone. */
export function hubDay(instant: Date | string): string {
  const parts = dayParts.formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whole days from one calendar day to another (`YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  if (!dayPattern.test(from) || !dayPattern.test(to)) {
    throw new RangeError(`Not calendar days: ${from}, ${to}`);
  }
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);
}

/** The calendar day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/**
 * Whether progress lags the schedule on `today`: below the share of the term elapsed, the term
 * running from the start date (else the day of publication) to the due date. Without a term
 * (no start, or a start not before the due date) anything short of 100 % lags.
 */
function behindSchedule(item: LightInput, dueDate: string, today: string): boolean {
  const start = item.startDate ?? (item.publishedAt ? hubDay(item.publishedAt) : null);
  const term = start ? daysBetween(start, dueDate) : 0;
  if (!start || term <= 0) {
    return item.progress < 100;
  }
  const elapsed = Math.min(Math.max(daysBetween(start, today), 0), term);
  return item.progress < (elapsed / term) * 100;
}

/**
 * The light of an item at `now`, or null for an item that has none (a draft, a completed or a
 * withdrawn item). Red when overdue or without progress for 2 × staleDays days; yellow when due
 * within dueSoonDays days and behind schedule, or without progress for staleDays days; else
 * green. "Without progress" counts from the last progress report, else from publication; an item
 * with neither counts as fresh.
 */
export function trafficLight(item: LightInput, thresholds: LightThresholds, now: Date): LightVerdict | null {
  if (!openStatuses.has(item.status)) {
    return null;
  }
  const today = hubDay(now);
  const daysLeft = item.dueDate ? daysBetween(today, item.dueDate) : null;
  const lastSign = item.lastProgressAt ?? item.publishedAt ?? null;
  const quietDays = lastSign ? daysBetween(hubDay(lastSign), today) : 0;
  if (daysLeft !== null && daysLeft < 0) {
    return { light: 'RED', reason: 'OVERDUE' };
  }
  if (quietDays >= 2 * thresholds.staleDays) {
    return { light: 'RED', reason: 'LONG_NO_PROGRESS' };
  }
  if (item.dueDate && daysLeft !== null && daysLeft <= thresholds.dueSoonDays && behindSchedule(item, item.dueDate, today)) {
    return { light: 'YELLOW', reason: 'DUE_SOON_BEHIND' };
  }
  if (quietDays >= thresholds.staleDays) {
    return { light: 'YELLOW', reason: 'NO_RECENT_PROGRESS' };
  }
  return { light: 'GREEN', reason: 'ON_TRACK' };
}

/** Why the alliance reminds a partner of an item by itself (督办 sent by the hub). */
export type AutomaticReminderTrigger = 'DUE_SOON' | 'TURNED_RED';

/**
 * The automatic reminders an item calls for at `now`, each with the occasion that makes it once
 * only: `DUE_SOON` when an open item's due date is at most dueSoonDays away (whatever its
 * progress), `TURNED_RED` when its light is red. The occasion is the due date (or `none`): a new
 * due date is a new occasion, so an item whose term was extended is reminded again before it.
 */
export function automaticReminders(
  item: LightInput,
  thresholds: LightThresholds,
  now: Date,
): { trigger: AutomaticReminderTrigger; occasion: string }[] {
  const verdict = trafficLight(item, thresholds, now);
  if (!verdict) {
    return [];
  }
  const occasion = item.dueDate ?? 'none';
  const due: { trigger: AutomaticReminderTrigger; occasion: string }[] = [];
  if (item.dueDate) {
    const daysLeft = daysBetween(hubDay(now), item.dueDate);
    if (daysLeft >= 0 && daysLeft <= thresholds.dueSoonDays) {
      due.push({ trigger: 'DUE_SOON', occasion });
    }
  }
  if (verdict.light === 'RED') {
    due.push({ trigger: 'TURNED_RED', occasion });
  }
  return due;
}
