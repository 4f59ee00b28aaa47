import type { PartnerKind } from '@hub/contracts';
import { type KindDefinition, kindNames } from '@hub/kinds';
import { discoverKinds } from '@hub/kinds/discover';

/**
 * The partner kinds this alliance federates: one per kind folder (`services/<name>/src/kind.ts`).
 * Adding a kind changes this subgraph's schema (its entity stubs) and the new kind's, and no
 * other partner's.
 */
export const kindDefinitions: readonly KindDefinition[] = await discoverKinds();
export const federatedKinds = kindDefinitions.map((definition) => kindNames(definition.name));

/** Relay caller → the kind it speaks for: only the federated kinds' relays deliver or ask. */
const relayKinds = new Map(federatedKinds.map((names) => [names.relayCaller, names.kind]));

/** The kind whose relay `caller` is (`relay:<kind>`), or undefined for anyone else. */
export function kindOfRelay(caller: string | undefined): PartnerKind | undefined {
  return caller ? relayKinds.get(caller) : undefined;
}
