import { describe, expect, it } from 'vitest';
import { requestedRange } from './static-range.ts';

describe('reading a Range header', () => {
  it('gives one range, clipped to the file', () => {
    expect(requestedRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(requestedRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(requestedRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(requestedRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
    expect(requestedRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(requestedRange('Bytes = 1 - 2', 1000)).toEqual({ start: 1, end: 2 });
  });

  it('says unsatisfiable when the range starts past the end', () => {
    expect(requestedRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(requestedRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(requestedRange('bytes=0-', 0)).toBe('unsatisfiable');
  });

  it('ignores what it does not serve (the whole file is sent): no header, other units, several ranges, nonsense', () => {
    expect(requestedRange(undefined, 1000)).toBeNull();
    expect(requestedRange('items=0-1', 1000)).toBeNull();
    expect(requestedRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(requestedRange('bytes=5-1', 1000)).toBeNull();
    expect(requestedRange('bytes=-', 1000)).toBeNull();
    expect(requestedRange('bytes=a-b', 1000)).toBeNull();
  });
});
