import type { PartnerKind } from '../generated/graphql.ts';

/** The `@include` flags of an operation written for all four partner namespaces. */
export interface KindFlags {
  readonly enterprise: boolean;
  readonly townVillage: boolean;
  readonly university: boolean;
  readonly trafficPolice: boolean;
}

/** Selects the namespace of `kind` (the partner subgraph that owns that kind's data). */
export function kindFlags(kind: PartnerKind): KindFlags {
  return {
    enterprise: kind === 'ENTERPRISE',
    townVillage: kind === 'TOWN_VILLAGE',
    university: kind === 'UNIVERSITY',
    trafficPolice: kind === 'TRAFFIC_POLICE',
  };
}

type Namespace = keyof KindFlags;

/** The one namespace an operation written with `kindFlags` answered with, or null. */
export function pickNamespace<D extends Partial<Record<Namespace, unknown>>>(data: D | null | undefined): NonNullable<D[Namespace]> | null {
  return (data?.enterprise ?? data?.townVillage ?? data?.university ?? data?.trafficPolice ?? null) as NonNullable<D[Namespace]> | null;
}
