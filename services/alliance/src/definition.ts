import { allianceEntities } from './entities.ts';
import { migrations } from './migrations/index.ts';
import { buildAllianceSchema } from './schema/index.ts';

/** What the repository's scripts need of this service (SDL emission, migration generation). */
export const allianceDefinition = { buildSchema: buildAllianceSchema, entities: allianceEntities, migrations };
