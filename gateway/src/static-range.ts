/** The bytes a Range request asks for, both ends included. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Reads a Range header against a file of `size` bytes (RFC 9110 §14): one range (`bytes=0-99`,
 * `bytes=100-`, `bytes=-100`) gives its bytes, clipped to the file; a range starting past the end
 * is `unsatisfiable` (416). Anything else — no header, another unit, several ranges, a malformed
 * one — is `null`: the whole file is sent, as a server may always do.
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  const match = header?.trim().match(/^bytes\s*=\s*(\d*)\s*-\s*(\d*)$/i);
  if (!match) {
    return null;
  }
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') {
    return null;
  }
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (last !== '' && end < start) {
    return null;
  }
  return start >= size ? 'unsatisfiable' : { start, end: Math.min(end, size - 1) };
}
