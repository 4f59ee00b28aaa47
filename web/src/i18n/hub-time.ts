/**
 * The hub's clock: its alliances are in China, so days and times are shown and entered in
 * China Standard Time (UTC+8, no daylight saving) whatever the browser's own zone.
 */
export const hubTimeZone = 'Asia/Shanghai';
const hubOffset = '+08:00';

const dayParts = new Intl.DateTimeFormat('en-CA', { timeZone: hubTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
const minuteParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: hubTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((candidate) => candidate.type === type)?.value ?? '';
}

/** Today as YYYY-MM-DD in the hub's zone, to compare with `Date` scalars. */
export function todayIso(now = new Date()): string {
  const parts = dayParts.formatToParts(now);
  return `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}`;
}

/** A `Date` (YYYY-MM-DD, a calendar day) or `DateTime` scalar as an instant; days start at midnight in the hub's zone. */
export function instantOf(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00${hubOffset}`) : new Date(value);
}

/** A `DateTime` as the value of a `datetime-local` input, in the hub's zone. */
export function dateTimeInputValue(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const parts = minuteParts.formatToParts(new Date(iso));
  return `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}T${part(parts, 'hour')}:${part(parts, 'minute')}`;
}

/** A `datetime-local` input's value, read in the hub's zone, as a `DateTime`. */
export function isoFromDateTimeInput(value: string): string {
  return new Date(`${value}:00${hubOffset}`).toISOString();
}
