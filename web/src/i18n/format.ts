import { hubTimeZone, instantOf } from './hub-time.ts';
import type { Lang } from './lang.ts';

/** Dates, times and numbers in the reader's language (zh-CN by default), on the hub's clock (China Standard Time). */
export interface Format {
  /** 2026年11月21日 / November 21, 2026 — for a `Date` (YYYY-MM-DD) or a `DateTime`. */
  date(value: string | null | undefined): string;
  /** 11月21日 20:05 — for a `DateTime`. */
  dateTime(value: string | null | undefined): string;
  /** 20:05:09 */
  time(value: Date): string;
  /** 12,708 */
  number(value: number): string;
  /** 0.375 → 37.5% */
  percent(rate: number): string;
  /** 甲、乙、丙 / A, B, C; — when there is none. */
  list(values: readonly string[]): string;
}

export function createFormat(lang: Lang): Format {
  const zone = { timeZone: hubTimeZone };
  const dateFormat = new Intl.DateTimeFormat(lang, { ...zone, year: 'numeric', month: 'long', day: 'numeric' });
  const dateTimeFormat = new Intl.DateTimeFormat(lang, {
    ...zone,
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const timeFormat = new Intl.DateTimeFormat(lang, { ...zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const numberFormat = new Intl.NumberFormat(lang);
  const percentFormat = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const separator = lang === 'en' ? ', ' : '、';
  return {
    date: (value) => (value ? dateFormat.format(instantOf(value)) : '—'),
    dateTime: (value) => (value ? dateTimeFormat.format(instantOf(value)) : '—'),
    time: (value) => timeFormat.format(value),
    number: (value) => numberFormat.format(value),
    percent: (rate) => percentFormat.format(rate),
    list: (values) => values.join(separator) || '—',
  };
}
