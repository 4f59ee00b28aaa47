import { describe, expect, it } from 'vitest';
import { assertDateOrder, assertId, httpUrl, isoDate, optionalText, percent, requiredText } from './validate.ts';

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
