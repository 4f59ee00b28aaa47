import { PartnerKind } from '@hub/contracts';
import type { PartnerKindSpec } from '@hub/partner-kit';
import { badInput, maxItems, optionalText, requiredText } from '@hub/subgraph-kit';
import { migrations } from './migrations/index.ts';
import {
  EnterpriseActivity,
  EnterpriseBranch,
  EnterpriseCommitment,
  EnterpriseCommitmentInput,
  EnterprisePartner,
} from './schema/types.ts';

/** The enterprise kind: project, site, pioneer posts (党员先锋岗) and responsibility zones (党员责任区). */
export const enterpriseSpec: PartnerKindSpec = {
  kind: PartnerKind.ENTERPRISE,
  subgraph: 'enterprise',
  namespace: 'enterprise',
  types: { Partner: EnterprisePartner, Branch: EnterpriseBranch, Commitment: EnterpriseCommitment, Activity: EnterpriseActivity },
  CommitmentInput: EnterpriseCommitmentInput,
  commitmentColumns: {
    project: { type: 'string', length: 200, default: '' },
    site: { type: 'string', length: 200, nullable: true },
    pioneerPosts: { type: 'integer', default: 0 },
    responsibilityZones: { type: 'json' },
  },
  extraColumns(input) {
    const columns: Record<string, unknown> = {};
    if (input.project !== undefined) {
      columns.project = requiredText(String(input.project ?? ''), 'project', 200);
    }
    if (input.site !== undefined) {
      columns.site = optionalText(input.site as string | null, 'site', 200);
    }
    if (input.pioneerPosts !== undefined && input.pioneerPosts !== null) {
      const posts = input.pioneerPosts as number;
      if (!Number.isInteger(posts) || posts < 0 || posts > 10_000) {
        throw badInput('pioneerPosts must be a whole number from 0 to 10000', 'pioneerPosts');
      }
      columns.pioneerPosts = posts;
    }
    if (input.responsibilityZones !== undefined && input.responsibilityZones !== null) {
      columns.responsibilityZones = maxItems(input.responsibilityZones as string[], 'responsibilityZones', 100).map((zone) =>
        requiredText(zone, 'responsibilityZones', 100),
      );
    }
    return columns;
  },
  creationDefaults: { project: '', site: null, pioneerPosts: 0, responsibilityZones: [] },
  migrations,
};
