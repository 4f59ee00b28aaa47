import { describe, expect, it } from 'vitest';
import { assertDateOrder, assertId, dateTime, httpUrl, isoDate, optionalText, percent, requiredText } from './validate.ts';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
}

describe('input validation', () => {
  it('accepts UUIDs in any case and refuses anything else', () => {
    expect(assertId('0A1B2C3D-0000-4000-8000-000000000000')).toBe('0a1b2c3d-0000-4000-8000-000000000000');
    expect(codeOf(() => assertId("1' or '1'='1"))).toBe('BAD_USER_INPUT');
  });

  it('trims text, refuses empty required text and counts characters, not bytes', () => {
    expect(requiredText('  标题  ', 'title', 5)).toBe('标题');
    expect(codeOf(() => requiredText('   ', 'title', 5))).toBe('BAD_USER_INPUT');
    expect(requiredText('党建联建共建', 'title', 6)).toBe('党建联建共建');
    expect(codeOf(() => requiredText('x'.repeat(10_000), 'title', 200))).toBe('BAD_USER_INPUT');
    expect(optionalText('   ', 'note', 5)).toBeNull();
  });

  it('refuses text PostgreSQL cannot store: NUL anywhere, unpaired surrogates', () => {
    for (const text of ['\u0000', 'a\u0000b', '标题\u0000', '\ud800', 'a\udfffb']) {
      expect(
        codeOf(() => requiredText(text, 'title', 200)),
        JSON.stringify(text),
      ).toBe('BAD_USER_INPUT');
      expect(
        codeOf(() => optionalText(text, 'note', 200)),
        JSON.stringify(text),
      ).toBe('BAD_USER_INPUT');
    }
    expect(requiredText('党建 😀', 'title', 10)).toBe('党建 😀');
  });

  it('takes dates and times PostgreSQL can store, and nothing else', () => {
    expect(isoDate('0001-01-01', 'd')).toBe('0001-01-01');
    expect(isoDate('9999-12-31', 'd')).toBe('9999-12-31');
    expect(isoDate(new Date('2026-03-01T00:00:00Z'), 'd')).toBe('2026-03-01');
    for (const date of [
      '0000-01-01',
      '9999-99-99',
      '10000-01-01',
      '2026-02-30',
      '2026-13-01',
      new Date('0000-06-01T00:00:00Z'),
      new Date(Number.NaN),
    ]) {
      expect(
        codeOf(() => isoDate(date, 'd')),
        String(date),
      ).toBe('BAD_USER_INPUT');
    }
    expect(dateTime(new Date('2026-12-01T01:00:00Z'), 't')?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(dateTime(null, 't')).toBeNull();
    for (const time of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+01:00', '+010000-01-01T00:00:00Z', 'not a time']) {
      expect(
        codeOf(() => dateTime(new Date(time), 't')),
        time,
      ).toBe('BAD_USER_INPUT');
    }
  });

  it('checks percentages, dates, their order and URLs', () => {
    expect(percent(100)).toBe(100);
    expect(codeOf(() => percent(101))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => percent(12.5))).toBe('BAD_USER_INPUT');
    expect(isoDate('2026-02-28', 'd')).toBe('2026-02-28');
    expect(codeOf(() => isoDate('28/02/2026', 'd'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertDateOrder('2026-05-01', '2026-04-30'))).toBe('BAD_USER_INPUT');
    expect(httpUrl('https://example.org/a b', 'url')).toBe('https://example.org/a%20b');
    expect(codeOf(() => httpUrl('javascript:alert(1)', 'url'))).toBe('BAD_USER_INPUT');
  });
});
