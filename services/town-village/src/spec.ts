import { PartnerKind } from '@hub/contracts';
import type { PartnerKindSpec } from '@hub/partner-kit';
import { badInput, maxItems, requiredText } from '@hub/subgraph-kit';
import { migrations } from './migrations/index.ts';
import {
  TownVillageActivity,
  TownVillageBranch,
  TownVillageCommitment,
  TownVillageCommitmentInput,
  TownVillagePartner,
} from './schema/types.ts';

/** The town-village kind: village or community, households served, land-acquisition tasks. */
export const townVillageSpec: PartnerKindSpec = {
  kind: PartnerKind.TOWN_VILLAGE,
  subgraph: 'town-village',
  namespace: 'townVillage',
  types: { Partner: TownVillagePartner, Branch: TownVillageBranch, Commitment: TownVillageCommitment, Activity: TownVillageActivity },
  CommitmentInput: TownVillageCommitmentInput,
  commitmentColumns: {
    village: { type: 'string', length: 200, default: '' },
    householdsServed: { type: 'integer', nullable: true },
    landAcquisitionTasks: { type: 'json' },
  },
  extraColumns(input) {
    const columns: Record<string, unknown> = {};
    if (input.village !== undefined) {
      columns.village = requiredText(String(input.village ?? ''), 'village', 200);
    }
    if (input.householdsServed !== undefined) {
      const households = input.householdsServed as number | null;
      if (households !== null && (!Number.isInteger(households) || households < 0 || households > 1_000_000)) {
        throw badInput('householdsServed must be a whole number from 0 to 1000000', 'householdsServed');
      }
      columns.householdsServed = households;
    }
    if (input.landAcquisitionTasks !== undefined && input.landAcquisitionTasks !== null) {
      columns.landAcquisitionTasks = maxItems(input.landAcquisitionTasks as string[], 'landAcquisitionTasks', 50).map((task) =>
        requiredText(task, 'landAcquisitionTasks', 200),
      );
    }
    return columns;
  },
  creationDefaults: { village: '', householdsServed: null, landAcquisitionTasks: [] },
  migrations,
};
