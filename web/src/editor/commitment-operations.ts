import {
  type MyBranchesFragment,
  MyBranchesFragmentDoc,
  type MyCommitmentDetailFragment,
  MyCommitmentDetailFragmentDoc,
  type MyCommitmentFragment,
  MyCommitmentFragmentDoc,
} from '../generated/graphql.ts';
import { ownFieldsOf, withKindFields } from '../kinds/kind-selections.ts';
import { namespaced } from '../kinds/namespaced.ts';
import type { PartnerKind } from '../kinds/partner-kinds.ts';
import type { CommitmentInput } from './commitment-draft.ts';
import type { ProgressInput } from './inputs.ts';

/**
 * The editor's operations on its own commitments (承诺事项), in the namespace of its partner's
 * kind. MyCommitment (commitments.graphql) holds what every kind's commitment has; the kind's
 * own fields are added to it here, so a page reads and writes them all.
 */

const commitment = (kind: PartnerKind) => [withKindFields(MyCommitmentFragmentDoc, 'MyCommitment', [ownFieldsOf(kind)])];
const detail = (kind: PartnerKind) => [withKindFields(MyCommitmentDetailFragmentDoc, 'MyCommitment', [ownFieldsOf(kind)])];
const input = (kind: PartnerKind) => `${kind.typePrefix}CommitmentInput!`;
type At = { id: string; version: number };

export const myCommitments = namespaced<
  { partner: MyBranchesFragment | null; myCommitments: MyCommitmentFragment[] },
  { partnerId: string }
>({
  operation: 'query',
  name: 'MyCommitments',
  variables: () => '$partnerId: ID!',
  body: 'partner(id: $partnerId) { ...MyBranches } myCommitments { ...MyCommitment }',
  fragments: (kind) => [MyBranchesFragmentDoc, ...commitment(kind)],
});

export const myCommitmentDetail = namespaced<{ commitment: MyCommitmentDetailFragment | null }, { id: string }>({
  operation: 'query',
  name: 'MyCommitmentDetail',
  variables: () => '$id: ID!',
  body: 'commitment(id: $id) { ...MyCommitmentDetail }',
  fragments: detail,
});

export const createCommitment = namespaced<{ createCommitment: MyCommitmentFragment }, { allianceId: string; input: CommitmentInput }>({
  operation: 'mutation',
  name: 'CreateCommitment',
  variables: (kind) => `$allianceId: ID!, $input: ${input(kind)}`,
  body: 'createCommitment(allianceId: $allianceId, input: $input) { ...MyCommitment }',
  fragments: commitment,
});

export const updateCommitment = namespaced<{ updateCommitment: MyCommitmentDetailFragment }, At & { input: CommitmentInput }>({
  operation: 'mutation',
  name: 'UpdateCommitment',
  variables: (kind) => `$id: ID!, $version: Int!, $input: ${input(kind)}`,
  body: 'updateCommitment(id: $id, version: $version, input: $input) { ...MyCommitmentDetail }',
  fragments: detail,
});

export const publishCommitment = namespaced<{ publishCommitment: MyCommitmentDetailFragment }, At>({
  operation: 'mutation',
  name: 'PublishCommitment',
  variables: () => '$id: ID!, $version: Int!',
  body: 'publishCommitment(id: $id, version: $version) { ...MyCommitmentDetail }',
  fragments: detail,
});

export const reportProgress = namespaced<{ reportProgress: MyCommitmentDetailFragment }, At & { input: ProgressInput }>({
  operation: 'mutation',
  name: 'ReportProgress',
  variables: () => '$id: ID!, $version: Int!, $input: ProgressInput!',
  body: 'reportProgress(id: $id, version: $version, input: $input) { ...MyCommitmentDetail }',
  fragments: detail,
});

export const completeCommitment = namespaced<{ completeCommitment: MyCommitmentDetailFragment }, At>({
  operation: 'mutation',
  name: 'CompleteCommitment',
  variables: () => '$id: ID!, $version: Int!',
  body: 'completeCommitment(id: $id, version: $version) { ...MyCommitmentDetail }',
  fragments: detail,
});

export const withdrawCommitment = namespaced<{ withdrawCommitment: MyCommitmentDetailFragment }, At & { reason: string }>({
  operation: 'mutation',
  name: 'WithdrawCommitment',
  variables: () => '$id: ID!, $version: Int!, $reason: String!',
  body: 'withdrawCommitment(id: $id, version: $version, reason: $reason) { ...MyCommitmentDetail }',
  fragments: detail,
});
