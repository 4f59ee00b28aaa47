import type { ActivityType, Category, CommitmentStatus, PartnerKind } from '@hub/contracts';
import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * The alliance subgraph's persistence: coordination data (alliances, members, agreements,
 * joint meetings) and the *index* of the joint list and activities, fed by partners' outboxes.
 */

export interface AllianceRow {
  id: string;
  name: string;
  description?: string | null;
  coordinatorName: string;
  foundedOn?: string | null;
  createdAt: Date;
  version: number;
}

export interface MembershipRow {
  id: string;
  allianceId: string;
  partnerId: string;
  kind: PartnerKind;
  partnerName: string;
  liaisonName?: string | null;
  liaisonTitle?: string | null;
  joinedOn: string;
}

/**
 * An editor account (编辑账号) of a partner: the login a partner editor signs in with, the
 * partner it writes for. The development sign-in offers every account; in production the
 * identity provider honours them (ADR 0004).
 */
export interface PartnerAccountRow {
  login: string;
  name: string;
  partnerId: string;
  kind: PartnerKind;
  issuedAt: Date;
  issuedBy: string;
}

export interface Signatory {
  partnerId?: string | null;
  organization: string;
  signer: string;
  title?: string | null;
}

export interface AgreementRow {
  id: string;
  allianceId: string;
  title: string;
  signedOn: string;
  signatories: Signatory[];
  terms: string[];
  version: number;
}

export interface JointMeetingRow {
  id: string;
  allianceId: string;
  title: string;
  heldAt: Date;
  location?: string | null;
  agenda: string[];
  decisions?: string | null;
  convenedBy: string;
}

export interface CommitmentIndexRow {
  id: string;
  allianceId: string;
  partnerId: string;
  kind: PartnerKind;
  title: string;
  category: Category;
  status: CommitmentStatus;
  progress: number;
  startDate?: string | null;
  dueDate?: string | null;
  publishedAt?: Date | null;
  completedAt?: Date | null;
  lastProgressAt?: Date | null;
  updatedAt: Date;
  version: number;
}

export interface ActivityIndexRow {
  id: string;
  allianceId: string;
  hostPartnerId: string;
  kind: PartnerKind;
  title: string;
  type: ActivityType;
  startsAt: Date;
  endsAt?: Date | null;
  invitedPartnerIds: string[];
  advancedCommitmentIds: string[];
  version: number;
}

export interface AllianceEventRow {
  seq: string;
  allianceId: string;
  topic: 'list' | 'activity';
  entityId: string;
  kind: PartnerKind;
  action: string;
  createdAt: Date;
}

const uuid = { type: 'uuid' } as const;

export const Alliance = new EntitySchema<AllianceRow>({
  name: 'Alliance',
  tableName: 'alliance',
  properties: {
    id: { ...uuid, primary: true },
    name: { type: 'string', length: 200 },
    description: { type: 'text', nullable: true },
    coordinatorName: { type: 'string', length: 200 },
    foundedOn: { type: 'date', nullable: true },
    createdAt: { type: 'datetime' },
    version: { type: 'integer', version: true },
  },
});

export const Membership = new EntitySchema<MembershipRow>({
  name: 'Membership',
  tableName: 'membership',
  uniques: [{ properties: ['allianceId', 'partnerId'] }],
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid },
    partnerId: { ...uuid, index: true },
    kind: { type: 'string', length: 20 },
    partnerName: { type: 'string', length: 200 },
    liaisonName: { type: 'string', length: 60, nullable: true },
    liaisonTitle: { type: 'string', length: 100, nullable: true },
    joinedOn: { type: 'date' },
  },
});

export const PartnerAccount = new EntitySchema<PartnerAccountRow>({
  name: 'PartnerAccount',
  tableName: 'partner_account',
  properties: {
    login: { type: 'string', length: 40, primary: true },
    name: { type: 'string', length: 100 },
    partnerId: { ...uuid, index: true },
    kind: { type: 'string', length: 20 },
    issuedAt: { type: 'datetime' },
    issuedBy: { type: 'string', length: 200 },
  },
});

export const Agreement = new EntitySchema<AgreementRow>({
  name: 'Agreement',
  tableName: 'agreement',
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid, unique: true },
    title: { type: 'string', length: 200 },
    signedOn: { type: 'date' },
    signatories: { type: 'json' },
    terms: { type: 'json' },
    version: { type: 'integer', version: true },
  },
});

export const JointMeeting = new EntitySchema<JointMeetingRow>({
  name: 'JointMeeting',
  tableName: 'joint_meeting',
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid, index: true },
    title: { type: 'string', length: 200 },
    heldAt: { type: 'datetime' },
    location: { type: 'string', length: 200, nullable: true },
    agenda: { type: 'json' },
    decisions: { type: 'text', nullable: true },
    convenedBy: { type: 'string', length: 120 },
  },
});

export const CommitmentIndex = new EntitySchema<CommitmentIndexRow>({
  name: 'CommitmentIndex',
  tableName: 'commitment_index',
  indexes: [{ properties: ['allianceId', 'dueDate', 'id'] }],
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid },
    partnerId: { ...uuid },
    kind: { type: 'string', length: 20 },
    title: { type: 'string', length: 200 },
    category: { type: 'string', length: 40 },
    status: { type: 'string', length: 20 },
    progress: { type: 'integer' },
    startDate: { type: 'date', nullable: true },
    dueDate: { type: 'date', nullable: true },
    publishedAt: { type: 'datetime', nullable: true },
    completedAt: { type: 'datetime', nullable: true },
    lastProgressAt: { type: 'datetime', nullable: true },
    updatedAt: { type: 'datetime' },
    version: { type: 'integer' },
  },
});

export const ActivityIndex = new EntitySchema<ActivityIndexRow>({
  name: 'ActivityIndex',
  tableName: 'activity_index',
  indexes: [{ properties: ['allianceId', 'startsAt'] }],
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid },
    hostPartnerId: { ...uuid },
    kind: { type: 'string', length: 20 },
    title: { type: 'string', length: 200 },
    type: { type: 'string', length: 40 },
    startsAt: { type: 'datetime' },
    endsAt: { type: 'datetime', nullable: true },
    invitedPartnerIds: { type: 'json' },
    advancedCommitmentIds: { type: 'json' },
    version: { type: 'integer' },
  },
});

export const IngestedEvent = new EntitySchema<{ eventId: string; receivedAt: Date }>({
  name: 'IngestedEvent',
  tableName: 'ingested_event',
  properties: {
    eventId: { ...uuid, primary: true },
    receivedAt: { type: 'datetime' },
  },
});

export const AllianceEvent = new EntitySchema<AllianceEventRow>({
  name: 'AllianceEvent',
  tableName: 'alliance_event',
  indexes: [{ properties: ['allianceId', 'topic', 'seq'] }],
  properties: {
    seq: { type: 'bigint', primary: true, autoincrement: true },
    allianceId: { ...uuid },
    topic: { type: 'string', length: 20 },
    entityId: { ...uuid },
    kind: { type: 'string', length: 20 },
    action: { type: 'string', length: 20 },
    createdAt: { type: 'datetime' },
  },
});

export const allianceEntities = [
  Alliance,
  Membership,
  PartnerAccount,
  Agreement,
  JointMeeting,
  CommitmentIndex,
  ActivityIndex,
  IngestedEvent,
  AllianceEvent,
];
