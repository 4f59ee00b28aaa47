import type { ActivityType, Category, CommitmentStatus } from '@hub/contracts';
import { EntitySchema, type EntitySchemaProperty } from '@mikro-orm/postgresql';
import { CobuildItemChange, Need, Resource } from './cobuild-entities.ts';

/**
 * Persistence shared by every partner subgraph. Each row carries its `partnerId`: one partner
 * subgraph can host several organizations of its kind. A kind adds columns of its own to
 * `commitment` through `defineCommitmentEntity(extra)`.
 */

export interface PartnerRow {
  id: string;
  name: string;
  shortName?: string | null;
  description?: string | null;
}

export interface BranchRow {
  id: string;
  partnerId: string;
  name: string;
  secretary?: string | null;
  memberCount: number;
  foundedOn?: string | null;
}

export interface GroupRow {
  id: string;
  partnerId: string;
  branchId: string;
  name: string;
  leader?: string | null;
  memberCount: number;
}

export interface MemberRow {
  id: string;
  partnerId: string;
  branchId: string;
  name: string;
  post?: string | null;
  phone?: string | null;
  joinedOn?: string | null;
}

export interface CommitmentRow {
  id: string;
  allianceId: string;
  partnerId: string;
  branchId?: string | null;
  title: string;
  description?: string | null;
  category: Category;
  status: CommitmentStatus;
  progress: number;
  startDate?: string | null;
  dueDate?: string | null;
  publishedAt?: Date | null;
  completedAt?: Date | null;
  lastProgressAt?: Date | null;
  withdrawReason?: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** Kind-specific columns (roadSection, village, …). */
  [extra: string]: unknown;
}

export interface ProgressRow {
  id: string;
  partnerId: string;
  commitmentId: string;
  percent: number;
  text: string;
  evidence: { label: string; url: string }[];
  figures: { label: string; value: number; unit?: string | null }[];
  reportedAt: Date;
  reportedBy: string;
}

export interface ChangeRow {
  id: string;
  partnerId: string;
  commitmentId: string;
  actor: string;
  at: Date;
  field: string;
  oldValue?: string | null;
  newValue?: string | null;
}

export interface ActivityRow {
  id: string;
  allianceId: string;
  hostPartnerId: string;
  title: string;
  type: ActivityType;
  startsAt: Date;
  endsAt?: Date | null;
  location?: string | null;
  description?: string | null;
  minutes?: string | null;
  invitedPartnerIds: string[];
  attendance: { partnerId: string; partnerName: string; attendees: number }[];
  advancedCommitmentIds: string[];
  updatedAt: Date;
  version: number;
}

export interface OutboxRow {
  seq: string;
  eventId: string;
  entity: 'commitment' | 'activity' | 'need' | 'resource';
  entityId: string;
  version: number;
  payload: Record<string, unknown>;
  createdAt: Date;
  deliveredAt?: Date | null;
  /** The W3C trace context of the write that queued the event, so its later delivery joins that trace. */
  traceparent?: string | null;
}

const uuid = { type: 'uuid' } as const;

export const Partner = new EntitySchema<PartnerRow>({
  name: 'Partner',
  tableName: 'partner',
  properties: {
    id: { ...uuid, primary: true },
    name: { type: 'string', length: 200 },
    shortName: { type: 'string', length: 60, nullable: true },
    description: { type: 'text', nullable: true },
  },
});

export const Branch = new EntitySchema<BranchRow>({
  name: 'Branch',
  tableName: 'party_branch',
  properties: {
    id: { ...uuid, primary: true },
    partnerId: { ...uuid, index: true },
    name: { type: 'string', length: 200 },
    secretary: { type: 'string', length: 60, nullable: true },
    memberCount: { type: 'integer', default: 0 },
    foundedOn: { type: 'date', nullable: true },
  },
});

export const Group = new EntitySchema<GroupRow>({
  name: 'Group',
  tableName: 'party_group',
  properties: {
    id: { ...uuid, primary: true },
    partnerId: { ...uuid },
    branchId: { ...uuid, index: true },
    name: { type: 'string', length: 200 },
    leader: { type: 'string', length: 60, nullable: true },
    memberCount: { type: 'integer', default: 0 },
  },
});

export const Member = new EntitySchema<MemberRow>({
  name: 'Member',
  tableName: 'party_member',
  properties: {
    id: { ...uuid, primary: true },
    partnerId: { ...uuid },
    branchId: { ...uuid, index: true },
    name: { type: 'string', length: 60 },
    post: { type: 'string', length: 100, nullable: true },
    phone: { type: 'string', length: 30, nullable: true },
    joinedOn: { type: 'date', nullable: true },
  },
});

/** Builds the commitment entity with a kind's own columns added to the common ones. */
export function defineCommitmentEntity(extra: Record<string, EntitySchemaProperty<any, CommitmentRow>>) {
  return new EntitySchema<CommitmentRow>({
    name: 'Commitment',
    tableName: 'commitment',
    indexes: [{ properties: ['partnerId', 'status'] }, { properties: ['allianceId'] }],
    properties: {
      id: { ...uuid, primary: true },
      allianceId: { ...uuid },
      partnerId: { ...uuid },
      branchId: { ...uuid, nullable: true },
      title: { type: 'string', length: 200 },
      description: { type: 'text', nullable: true },
      category: { type: 'string', length: 40 },
      status: { type: 'string', length: 20 },
      progress: { type: 'integer', default: 0 },
      startDate: { type: 'date', nullable: true },
      dueDate: { type: 'date', nullable: true },
      publishedAt: { type: 'datetime', nullable: true },
      completedAt: { type: 'datetime', nullable: true },
      lastProgressAt: { type: 'datetime', nullable: true },
      withdrawReason: { type: 'text', nullable: true },
      createdAt: { type: 'datetime' },
      updatedAt: { type: 'datetime' },
      version: { type: 'integer', version: true },
      ...extra,
    },
  });
}

export const ProgressReport = new EntitySchema<ProgressRow>({
  name: 'ProgressReport',
  tableName: 'progress_report',
  properties: {
    id: { ...uuid, primary: true },
    partnerId: { ...uuid },
    commitmentId: { ...uuid, index: true },
    percent: { type: 'integer' },
    text: { type: 'text' },
    evidence: { type: 'json' },
    figures: { type: 'json' },
    reportedAt: { type: 'datetime' },
    reportedBy: { type: 'string', length: 120 },
  },
});

export const CommitmentChange = new EntitySchema<ChangeRow>({
  name: 'CommitmentChange',
  tableName: 'commitment_change',
  properties: {
    id: { ...uuid, primary: true },
    partnerId: { ...uuid },
    commitmentId: { ...uuid, index: true },
    actor: { type: 'string', length: 120 },
    at: { type: 'datetime' },
    field: { type: 'string', length: 60 },
    oldValue: { type: 'text', nullable: true },
    newValue: { type: 'text', nullable: true },
  },
});

export const Activity = new EntitySchema<ActivityRow>({
  name: 'Activity',
  tableName: 'joint_activity',
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid, index: true },
    hostPartnerId: { ...uuid },
    title: { type: 'string', length: 200 },
    type: { type: 'string', length: 40 },
    startsAt: { type: 'datetime' },
    endsAt: { type: 'datetime', nullable: true },
    location: { type: 'string', length: 200, nullable: true },
    description: { type: 'text', nullable: true },
    minutes: { type: 'text', nullable: true },
    invitedPartnerIds: { type: 'json' },
    attendance: { type: 'json' },
    advancedCommitmentIds: { type: 'json' },
    updatedAt: { type: 'datetime' },
    version: { type: 'integer', version: true },
  },
});

export const Outbox = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  indexes: [{ properties: ['deliveredAt', 'seq'] }],
  properties: {
    seq: { type: 'bigint', primary: true, autoincrement: true },
    eventId: { ...uuid, unique: true },
    entity: { type: 'string', length: 20 },
    entityId: { ...uuid },
    version: { type: 'integer' },
    payload: { type: 'json' },
    createdAt: { type: 'datetime' },
    deliveredAt: { type: 'datetime', nullable: true },
    traceparent: { type: 'string', length: 55, nullable: true },
  },
});

/** Every entity of a partner subgraph, given its commitment entity. */
export function partnerEntities(commitment: EntitySchema<CommitmentRow>) {
  return [
    Partner,
    Branch,
    Group,
    Member,
    commitment,
    ProgressReport,
    CommitmentChange,
    Activity,
    Need,
    Resource,
    CobuildItemChange,
    Outbox,
  ];
}
