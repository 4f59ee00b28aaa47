import { createHash } from 'node:crypto';

/** A UUID derived from a name, so every service's demo data agrees on ids without sharing code. */
export function stableId(name: string): string {
  const hex = createHash('sha1').update(`party-alliance-hub/${name}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Ids of the demo alliances (docs/domain.md, "Facts for demo data"). The demo organizations belong to
 * their kinds: each kind folder's seed (`services/<name>/src/seed.ts`) derives its partners' ids
 * with `stableId('partner/…')` and lists their editor accounts.
 */
export const demo = {
  alliances: {
    highway: stableId('alliance/highway-widening'),
    tangyuan: stableId('alliance/tangyuan'),
  },
} as const;
