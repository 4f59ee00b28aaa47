import { todayIso } from '../../i18n/hub-time.ts';

/** A day of the calendar's month grid, with the activities starting on it (on the hub's days). */
export interface CalendarDay<A> {
  /** YYYY-MM-DD */
  readonly day: string;
  /** Whether the day belongs to the month shown (the grid fills whole weeks with its neighbours' days). */
  readonly inMonth: boolean;
  readonly activities: readonly A[];
}

/** The month `YYYY-MM` that `day` (YYYY-MM-DD) falls in, moved by `by` months. */
export function monthOf(day: string, by = 0): string {
  const [year = 0, month = 1] = day.split('-').map(Number);
  const moved = new Date(Date.UTC(year, month - 1 + by, 1));
  return moved.toISOString().slice(0, 7);
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The month's grid, Monday first, in whole weeks (four to six), each day with the activities
 * starting on it in the hub's zone (China Standard Time), in the order given.
 */
export function monthGrid<A extends { startsAt: string }>(month: string, activities: readonly A[]): CalendarDay<A>[][] {
  const byDay = new Map<string, A[]>();
  for (const activity of activities) {
    const day = todayIso(new Date(activity.startsAt));
    byDay.set(day, [...(byDay.get(day) ?? []), activity]);
  }
  const first = new Date(`${month}-01T00:00:00Z`);
  const start = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * 86_400_000);
  const weeks: CalendarDay<A>[][] = [];
  for (let cursor = start; weeks.length === 0 || isoDay(cursor).slice(0, 7) === month; ) {
    const week: CalendarDay<A>[] = [];
    for (let weekday = 0; weekday < 7; weekday += 1) {
      const day = isoDay(cursor);
      week.push({ day, inMonth: day.slice(0, 7) === month, activities: byDay.get(day) ?? [] });
      cursor = new Date(cursor.getTime() + 86_400_000);
    }
    weeks.push(week);
  }
  return weeks;
}

/** The activities starting at or after `now`, soonest first, at most `count`. */
export function nextActivities<A extends { startsAt: string }>(activities: readonly A[], now: Date, count: number): A[] {
  const from = now.toISOString();
  return activities
    .filter((activity) => new Date(activity.startsAt).toISOString() >= from)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .slice(0, count);
}
