import { demo as contracts, stableId } from '@hub/contracts';

/**
 * The demo ids the tests refer to: the alliances (`demo` in @hub/contracts) and the seeded
 * organizations, whose ids each kind folder's seed derives from these same names
 * (`stableId('partner/…')`).
 */
export const demo = {
  ...contracts,
  partners: {
    widening: stableId('partner/widening-project'),
    tangyuanProject: stableId('partner/tangyuan-500kv'),
    ninghai: stableId('partner/ninghai-relocation'),
    tangyuanVillage: stableId('partner/tangyuan-village'),
    institute: stableId('partner/transport-institute'),
    trafficPolice: stableId('partner/ninghai-highway-brigade'),
    lawEnforcement: stableId('partner/highway-law-enforcement'),
  },
} as const;
