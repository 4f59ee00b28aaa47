/** A content coding the gateway can send a built file in: precompressed beside it, or as it is. */
export type Encoding = 'br' | 'gzip' | 'identity';

/** The suffix of a precompressed copy (`app.js.br`, `app.js.gz`). */
export const encodingSuffix: Record<Exclude<Encoding, 'identity'>, string> = { br: '.br', gzip: '.gz' };

/** Tried in this order when the client weighs them equally: the smallest first. */
const preference: readonly Encoding[] = ['br', 'gzip', 'identity'];

/**
 * The client's weight (q, 0–1) of each coding it names in Accept-Encoding, lower-cased, `x-gzip`
 * read as gzip. An entry whose q is not a number from 0 to 1 counts as refused (0).
 */
function weights(header: string): Map<string, number> {
  const named = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (!name) {
      continue;
    }
    let q = 1;
    for (const param of params) {
      const [key, value = ''] = param.split('=').map((part) => part.trim());
      if (key === 'q') {
        q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) ? Number(value) : 0;
      }
    }
    named.set(name === 'x-gzip' ? 'gzip' : name, q);
  }
  return named;
}

/**
 * Chooses how to send a file (RFC 9110 §12.5.3): the acceptable coding with the highest q among
 * those available, brotli before gzip before none on a tie. A coding the client does not name is
 * acceptable only through `*`. The file as it is competes only when named (by itself or `*`);
 * otherwise it is the fallback, even when refused (`identity;q=0`): it can always be read, and a
 * 406 helps nobody. No header: as it is.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: ReadonlySet<Encoding>): Encoding {
  if (acceptEncoding === undefined) {
    return 'identity';
  }
  const named = weights(acceptEncoding);
  const anyOther = named.get('*');
  let best: Encoding = 'identity';
  let bestWeight = 0;
  for (const encoding of preference) {
    if (encoding !== 'identity' && !available.has(encoding)) {
      continue;
    }
    const weight = named.get(encoding) ?? anyOther ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
