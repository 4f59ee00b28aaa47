import { buildPartnerSchema, defineCommitmentEntity, type PartnerKindSpec, partnerEntities } from '@hub/partner-kit';
import type { EntitySchema } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';

/** What the scripts need of a service: its schema, entities and migrations folder. */
export interface ServiceDefinition {
  buildSchema(): Promise<GraphQLSchema>;
  entities: EntitySchema<any, any>[];
  migrations: { name: string; class: new (...args: any[]) => any }[];
}

const partnerSpecs: Record<string, () => Promise<PartnerKindSpec>> = {
  enterprise: async () => (await import('../services/enterprise/src/spec.ts')).enterpriseSpec,
  'town-village': async () => (await import('../services/town-village/src/spec.ts')).townVillageSpec,
  university: async () => (await import('../services/university/src/spec.ts')).universitySpec,
  'traffic-police': async () => (await import('../services/traffic-police/src/spec.ts')).trafficPoliceSpec,
};

export const serviceNames = ['alliance', ...Object.keys(partnerSpecs)];

/** Loads one service's definition (each in its own process: type-graphql metadata is global). */
export async function loadService(name: string): Promise<ServiceDefinition> {
  if (name === 'alliance') {
    const alliance = await import('../services/alliance/src/definition.ts');
    return alliance.allianceDefinition;
  }
  const load = partnerSpecs[name];
  if (!load) {
    throw new Error(`Unknown service ${name}; expected one of ${serviceNames.join(', ')}`);
  }
  const spec = await load();
  return {
    buildSchema: () => buildPartnerSchema(spec),
    entities: partnerEntities(defineCommitmentEntity(spec.commitmentColumns)),
    migrations: spec.migrations,
  };
}
