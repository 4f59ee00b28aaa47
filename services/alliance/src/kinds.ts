import { type KindDefinition, kindNames } from '@hub/kinds';
import { discoverKinds } from '@hub/kinds/discover';

/**
 * The partner kinds this alliance federates: one per kind folder (`services/<name>/src/kind.ts`).
 * Adding a kind changes this subgraph's schema (its entity stubs) and the new kind's, and no
 * other partner's.
 */
export const kindDefinitions: readonly KindDefinition[] = await discoverKinds();
export const federatedKinds = kindDefinitions.map((definition) => kindNames(definition.name));
