import { PartnerKind } from '@hub/contracts';
import type { PartnerKindSpec } from '@hub/partner-kit';
import { badInput, requiredText } from '@hub/subgraph-kit';
import { migrations } from './migrations/index.ts';
import {
  TrafficPoliceActivity,
  TrafficPoliceBranch,
  TrafficPoliceCommitment,
  TrafficPoliceCommitmentInput,
  TrafficPolicePartner,
} from './schema/types.ts';

/** The traffic-police kind: road sections, 九方六保 guarantees and 四统四联 joint actions. */
export const trafficPoliceSpec: PartnerKindSpec = {
  kind: PartnerKind.TRAFFIC_POLICE,
  subgraph: 'traffic-police',
  namespace: 'trafficPolice',
  types: {
    Partner: TrafficPolicePartner,
    Branch: TrafficPoliceBranch,
    Commitment: TrafficPoliceCommitment,
    Activity: TrafficPoliceActivity,
  },
  CommitmentInput: TrafficPoliceCommitmentInput,
  commitmentColumns: {
    roadSection: { type: 'string', length: 200, default: '' },
    guarantees: { type: 'json' },
    jointActions: { type: 'json' },
  },
  extraColumns(input) {
    const columns: Record<string, unknown> = {};
    if (input.roadSection !== undefined) {
      columns.roadSection = requiredText(String(input.roadSection ?? ''), 'roadSection', 200);
    }
    for (const field of ['guarantees', 'jointActions'] as const) {
      const list = input[field];
      if (list !== undefined && list !== null) {
        if (!Array.isArray(list) || list.length > 10) {
          throw badInput(`${field} may list at most 10 values`, field);
        }
        columns[field] = [...new Set(list)];
      }
    }
    return columns;
  },
  creationDefaults: { roadSection: '', guarantees: [], jointActions: [] },
  migrations,
};
