import { describe, expect, it } from 'vitest';
import { chooseEncoding, type Encoding } from './static-encoding.ts';

const both = new Set<Encoding>(['br', 'gzip']);
const gzipOnly = new Set<Encoding>(['gzip']);
const none = new Set<Encoding>();

describe('choosing a content coding from Accept-Encoding', () => {
  it('sends brotli to a browser that takes it, gzip to one that takes only gzip, the file itself to the rest', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(chooseEncoding('gzip, deflate', both)).toBe('gzip');
    expect(chooseEncoding('deflate', both)).toBe('identity');
    expect(chooseEncoding(undefined, both)).toBe('identity');
    expect(chooseEncoding('', both)).toBe('identity');
  });

  it('sends only the copies that exist', () => {
    expect(chooseEncoding('br, gzip', gzipOnly)).toBe('gzip');
    expect(chooseEncoding('br', gzipOnly)).toBe('identity');
    expect(chooseEncoding('br, gzip', none)).toBe('identity');
  });

  it('honours q: a refused coding (q=0) is never sent, a higher weight wins, ties go to the smaller', () => {
    expect(chooseEncoding('br;q=0, gzip', both)).toBe('gzip');
    expect(chooseEncoding('br; q=0.000, gzip;q=0', both)).toBe('identity');
    expect(chooseEncoding('gzip;q=1.0, br;q=0.5', both)).toBe('gzip');
    expect(chooseEncoding('gzip;q=0.5, br;q=0.5', both)).toBe('br');
    expect(chooseEncoding('gzip;q=0.2, identity;q=0.9', both)).toBe('identity');
  });

  it('reads * as every coding not named, identity included', () => {
    expect(chooseEncoding('*', both)).toBe('br');
    expect(chooseEncoding('*', gzipOnly)).toBe('gzip');
    expect(chooseEncoding('br;q=0, *', both)).toBe('gzip');
    expect(chooseEncoding('*;q=0, gzip', both)).toBe('gzip');
    expect(chooseEncoding('identity, *;q=0', both)).toBe('identity');
  });

  it('falls back to the file itself even when identity is refused, since it can always be read', () => {
    expect(chooseEncoding('identity', both)).toBe('identity');
    expect(chooseEncoding('identity;q=0', none)).toBe('identity');
    expect(chooseEncoding('*;q=0', both)).toBe('identity');
  });

  it('takes names in any case, x-gzip as gzip, and refuses entries with a malformed q', () => {
    expect(chooseEncoding('BR', both)).toBe('br');
    expect(chooseEncoding('x-gzip', both)).toBe('gzip');
    expect(chooseEncoding('br;q=2, gzip', both)).toBe('gzip');
    expect(chooseEncoding('br;q=abc', both)).toBe('identity');
    expect(chooseEncoding('br;q=0.5000', both)).toBe('identity');
    expect(chooseEncoding(' , ;;, br ; q = 0.8 ,', both)).toBe('br');
    expect(chooseEncoding('\u00e9\u00e9, \u{1F600};q=1', both)).toBe('identity');
  });
});
