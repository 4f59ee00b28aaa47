import { PartnerKind } from '@hub/contracts';
import type { PartnerKindSpec } from '@hub/partner-kit';
import { optionalText, requiredText } from '@hub/subgraph-kit';
import { migrations } from './migrations/index.ts';
import {
  UniversityActivity,
  UniversityBranch,
  UniversityCommitment,
  UniversityCommitmentInput,
  UniversityPartner,
} from './schema/types.ts';

/** The university kind: the institute and its research topic (“五联五创”). */
export const universitySpec: PartnerKindSpec = {
  kind: PartnerKind.UNIVERSITY,
  subgraph: 'university',
  namespace: 'university',
  types: { Partner: UniversityPartner, Branch: UniversityBranch, Commitment: UniversityCommitment, Activity: UniversityActivity },
  CommitmentInput: UniversityCommitmentInput,
  commitmentColumns: {
    institute: { type: 'string', length: 200, default: '' },
    researchTopic: { type: 'string', length: 300, nullable: true },
  },
  extraColumns(input) {
    const columns: Record<string, unknown> = {};
    if (input.institute !== undefined) {
      columns.institute = requiredText(String(input.institute ?? ''), 'institute', 200);
    }
    if (input.researchTopic !== undefined) {
      columns.researchTopic = optionalText(input.researchTopic as string | null, 'researchTopic', 300);
    }
    return columns;
  },
  creationDefaults: { institute: '', researchTopic: null },
  migrations,
};
