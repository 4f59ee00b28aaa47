import { badInput } from './errors.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
/** Unpaired UTF-16 surrogates: PostgreSQL refuses them in JSON's escapes. */
const loneSurrogate = /\p{Cs}/u;

/** Throws BAD_USER_INPUT unless `id` is a UUID (every id in the hub is one). */
export function assertId(id: string, field = 'id'): string {
  if (!uuidPattern.test(id)) {
    throw badInput(`${field} is not a valid id (expected a UUID): ${JSON.stringify(id.slice(0, 60))}`, field, { reason: 'BAD_ID' });
  }
  return id.toLowerCase();
}

/** Trims `value` and checks 1..max characters; empty or longer text is BAD_USER_INPUT. */
export function requiredText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) {
    throw badInput(`${field} must not be empty`, field, { reason: 'REQUIRED' });
  }
  return optionalText(text, field, max) as string;
}

/** Trims `value`; null or empty becomes null; longer than `max` characters is BAD_USER_INPUT. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  const text = value.trim();
  // PostgreSQL stores no NUL in text or JSON.
  if (text.includes('\u0000') || loneSurrogate.test(text)) {
    throw badInput(`${field} must not contain NUL characters (\\u0000) or unpaired surrogates`, field, { reason: 'UNSTORABLE_TEXT' });
  }
  if ([...text].length > max) {
    throw badInput(`${field} must be at most ${max} characters (got ${[...text].length})`, field, { reason: 'TOO_LONG', limit: max });
  }
  return text.length === 0 ? null : text;
}

/** Checks an integer percentage 0..100. */
export function percent(value: number, field = 'progress'): number {
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw badInput(`${field} must be a whole number from 0 to 100 (got ${value})`, field);
  }
  return value;
}

/**
 * Checks a calendar date `YYYY-MM-DD` that exists and that PostgreSQL stores: years 0001 to 9999
 * (the Date scalar takes year 0000, PostgreSQL has no year 0).
 */
export function isoDate(value: string | Date | null | undefined, field: string): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  const text = value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : String(value);
  const date = new Date(`${text}T00:00:00Z`);
  if (!datePattern.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text || text < '0001-01-01') {
    throw badInput(`${field} must be a date from 0001-01-01 to 9999-12-31, like 2025-06-30`, field, { reason: 'BAD_DATE' });
  }
  return text;
}

/** Checks a point in time PostgreSQL stores: a valid date-time in the years 1 to 9999 (UTC). */
export function dateTime(value: Date | null | undefined, field: string): Date | null {
  if (value === null || value === undefined) {
    return null;
  }
  const year = value instanceof Date ? value.getUTCFullYear() : Number.NaN;
  if (!(year >= 1 && year <= 9999)) {
    throw badInput(`${field} must be a date-time in the years 1 to 9999, like 2025-06-30T09:00:00Z`, field, { reason: 'BAD_DATE' });
  }
  return value;
}

/** Checks that a due date is not before the start date. */
export function assertDateOrder(start: string | null | undefined, due: string | null | undefined): void {
  if (start && due && due < start) {
    throw badInput(`dueDate (${due}) must not be before startDate (${start})`, 'dueDate', { reason: 'DATE_ORDER' });
  }
}

/** Checks a list's length. */
export function maxItems<T>(items: T[], field: string, max: number): T[] {
  if (items.length > max) {
    throw badInput(`${field} may hold at most ${max} items (got ${items.length})`, field, { reason: 'TOO_MANY', limit: max });
  }
  return items;
}

/** Checks an http(s) URL of reasonable length. */
export function httpUrl(value: string, field: string): string {
  const text = requiredText(value, field, 2000);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(`${field} must be an http(s) URL`, field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badInput(`${field} must be an http(s) URL`, field);
  }
  return url.toString();
}
