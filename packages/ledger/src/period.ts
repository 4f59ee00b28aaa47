/**
 * Calendar days and report periods in the hub's zone (Asia/Shanghai, UTC+8, no daylight saving):
 * a ledger's dates and a report's month or quarter are the days its readers live in.
 */

const hubOffset = '+08:00';
const dayParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (`YYYY-MM-DD`) an instant falls on in the hub's zone. */
export function hubDay(instant: Date | string): string {
  const parts = dayParts.formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar day as the Date a spreadsheet cell holds: midnight UTC of that day (exceljs writes dates in UTC). */
export function cellDate(day: string | null | undefined): Date | null {
  return day ? new Date(`${day}T00:00:00Z`) : null;
}

/** A report's period: a month (`2026-03`) or a quarter (`2026-Q1`). */
export interface ReportPeriod {
  /** As given: `2026-03` or `2026-Q1`. */
  readonly key: string;
  readonly kind: 'month' | 'quarter';
  /** First and last calendar day, `YYYY-MM-DD`. */
  readonly firstDay: string;
  readonly lastDay: string;
  /** The instant the period starts and the one it ends (exclusive), in the hub's zone. */
  readonly from: Date;
  readonly until: Date;
  /** 2026年3月 / 2026年第一季度 */
  readonly title: string;
}

const quarterNames = ['一', '二', '三', '四'];

function monthStart(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The period a key names (`2026-03`, `2026-Q1`, years 2000–2100); null for anything else.
 */
export function parsePeriod(key: string): ReportPeriod | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  const year = Number((month ?? quarter)?.[1]);
  if (!(month || quarter) || year < 2000 || year > 2100) {
    return null;
  }
  const firstMonth = month ? Number(month[2]) : (Number(quarter?.[2]) - 1) * 3 + 1;
  const months = month ? 1 : 3;
  const firstDay = monthStart(year, firstMonth);
  const next = firstMonth + months > 12 ? monthStart(year + 1, 1) : monthStart(year, firstMonth + months);
  return {
    key,
    kind: month ? 'month' : 'quarter',
    firstDay,
    lastDay: dayBefore(next),
    from: new Date(`${firstDay}T00:00:00${hubOffset}`),
    until: new Date(`${next}T00:00:00${hubOffset}`),
    title: month ? `${year}年${firstMonth}月` : `${year}年第${quarterNames[Number(quarter?.[2]) - 1]}季度`,
  };
}

/** The month before the one `now` falls in, as a period key (the report a coordinator usually writes). */
export function previousMonthKey(now: Date): string {
  const [year, month] = hubDay(now).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** 2026年3月31日 */
export function chineseDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
}

const minuteParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as `YYYY-MM-DD HH:mm` in the hub's zone (北京时间). */
export function hubMinute(instant: Date): string {
  const parts = minuteParts.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
