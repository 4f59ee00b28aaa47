import { importFromKind, kindFolders } from '@hub/kinds/discover';
import { buildPartnerSchema, defineCommitmentEntity, type PartnerKindSpec, partnerEntities } from '@hub/partner-kit';
import type { EntitySchema } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';

/** What the scripts need of a service: its schema, entities and migrations folder. */
export interface ServiceDefinition {
  buildSchema(): Promise<GraphQLSchema>;
  entities: EntitySchema<any, any>[];
  migrations: { name: string; class: new (...args: any[]) => any }[];
}

/** The services: the alliance, then one per kind folder. */
export const serviceNames = ['alliance', ...kindFolders()];

/** Loads one service's definition (each in its own process: type-graphql metadata is global). */
export async function loadService(name: string): Promise<ServiceDefinition> {
  if (name === 'alliance') {
    const alliance = await import('../services/alliance/src/definition.ts');
    return alliance.allianceDefinition;
  }
  if (!serviceNames.includes(name)) {
    throw new Error(`Unknown service ${name}; expected one of ${serviceNames.join(', ')}`);
  }
  const { spec } = await importFromKind<{ spec: PartnerKindSpec }>(name, 'src/spec.ts');
  return {
    buildSchema: () => buildPartnerSchema(spec),
    entities: partnerEntities(defineCommitmentEntity(spec.commitmentColumns)),
    migrations: spec.migrations,
  };
}
