import type { HelpAmount, ProjectRole } from '@hub/cobuild';
import type { Category, PartnerKind } from '@hub/contracts';
import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * What the alliance keeps of 三张清单 (docs/three-lists.md): the index of published needs and
 * resources (fed by the partners' outboxes, like the joint list), and what is between partners —
 * claims (认领), joint projects, their assignments to each partner, and the history of it all.
 */

export type IndexedItemStatus = 'PUBLISHED' | 'WITHDRAWN';
export type ClaimStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
export type ProjectStatus = 'ACTIVE' | 'DELIVERED' | 'CLOSED';

/** A published (or since withdrawn) need, as the partner's index event gave it. */
export interface NeedIndexRow {
  id: string;
  allianceId: string;
  partnerId: string;
  kind: PartnerKind;
  title: string;
  category: Category;
  tags: string[];
  place?: string | null;
  wantedBy?: string | null;
  help: HelpAmount[];
  status: IndexedItemStatus;
  publishedAt?: Date | null;
  updatedAt: Date;
  version: number;
  /** When the claim-hall sweep first found it unclaimed for the alliance's claimHallDays; null until then. */
  hallSince?: Date | null;
}

export interface ResourceIndexRow {
  id: string;
  allianceId: string;
  partnerId: string;
  kind: PartnerKind;
  title: string;
  category: Category;
  tags: string[];
  place?: string | null;
  availableFrom?: string | null;
  availableUntil?: string | null;
  offers: HelpAmount[];
  status: IndexedItemStatus;
  publishedAt?: Date | null;
  updatedAt: Date;
  version: number;
}

/** A partner's claim (认领 / 领办) of another partner's need, optionally with one of its resources. */
export interface ClaimRow {
  id: string;
  allianceId: string;
  needId: string;
  /** The needing partner (who decides). */
  needPartnerId: string;
  claimantPartnerId: string;
  claimantKind: PartnerKind;
  resourceId?: string | null;
  proposal: string;
  status: ClaimStatus;
  note?: string | null;
  createdBy: string;
  createdAt: Date;
  decidedAt?: Date | null;
  decidedBy?: string | null;
  version: number;
}

/** A joint project (项目清单): one per accepted claim. */
export interface ProjectRow {
  id: string;
  allianceId: string;
  needId: string;
  claimId: string;
  resourceId?: string | null;
  title: string;
  needingPartnerId: string;
  needingKind: PartnerKind;
  givingPartnerId: string;
  givingKind: PartnerKind;
  status: ProjectStatus;
  createdAt: Date;
  deliveredAt?: Date | null;
  satisfaction?: number | null;
  comment?: string | null;
  evaluatedBy?: string | null;
  evaluatedAt?: Date | null;
  closedAt?: Date | null;
  version: number;
}

/**
 * One draft commitment a partner is to create for a project (`ProjectAssignment` of
 * @hub/cobuild), kept until the partner's subgraph acknowledges it (`deliveredAt`).
 */
export interface ProjectAssignmentRow {
  id: string;
  projectId: string;
  allianceId: string;
  partnerId: string;
  kind: PartnerKind;
  role: ProjectRole;
  commitmentId: string;
  title: string;
  description?: string | null;
  category: Category;
  dueDate?: string | null;
  createdAt: Date;
  deliveredAt?: Date | null;
}

export type CobuildAction =
  | 'NEED_PUBLISHED'
  | 'NEED_UPDATED'
  | 'NEED_WITHDRAWN'
  | 'RESOURCE_PUBLISHED'
  | 'RESOURCE_UPDATED'
  | 'RESOURCE_WITHDRAWN'
  | 'CLAIMED'
  | 'CLAIM_ACCEPTED'
  | 'CLAIM_DECLINED'
  | 'CLAIM_WITHDRAWN'
  | 'PROJECT_CREATED'
  | 'PROJECT_DELIVERED'
  | 'EVALUATED'
  | 'ENTERED_CLAIM_HALL';

/** One step of 三张清单 in an alliance; each is also a live event (topic `cobuild`) with the row's id. */
export interface CobuildChangeRow {
  id: string;
  allianceId: string;
  at: Date;
  actor: string;
  action: CobuildAction;
  needId?: string | null;
  resourceId?: string | null;
  claimId?: string | null;
  projectId?: string | null;
  detail?: string | null;
}

const uuid = { type: 'uuid' } as const;

export const NeedIndex = new EntitySchema<NeedIndexRow>({
  name: 'NeedIndex',
  tableName: 'need_index',
  indexes: [{ properties: ['allianceId', 'publishedAt'] }],
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid },
    partnerId: { ...uuid },
    kind: { type: 'string', length: 20 },
    title: { type: 'string', length: 200 },
    category: { type: 'string', length: 40 },
    tags: { type: 'json' },
    place: { type: 'string', length: 100, nullable: true },
    wantedBy: { type: 'date', nullable: true },
    help: { type: 'json' },
    status: { type: 'string', length: 20 },
    publishedAt: { type: 'datetime', nullable: true },
    updatedAt: { type: 'datetime' },
    version: { type: 'integer' },
    hallSince: { type: 'datetime', nullable: true },
  },
});

export const ResourceIndex = new EntitySchema<ResourceIndexRow>({
  name: 'ResourceIndex',
  tableName: 'resource_index',
  indexes: [{ properties: ['allianceId', 'status'] }],
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid },
    partnerId: { ...uuid },
    kind: { type: 'string', length: 20 },
    title: { type: 'string', length: 200 },
    category: { type: 'string', length: 40 },
    tags: { type: 'json' },
    place: { type: 'string', length: 100, nullable: true },
    availableFrom: { type: 'date', nullable: true },
    availableUntil: { type: 'date', nullable: true },
    offers: { type: 'json' },
    status: { type: 'string', length: 20 },
    publishedAt: { type: 'datetime', nullable: true },
    updatedAt: { type: 'datetime' },
    version: { type: 'integer' },
  },
});

export const Claim = new EntitySchema<ClaimRow>({
  name: 'Claim',
  tableName: 'claim',
  // One open claim per partner and need; decided and withdrawn ones do not count.
  uniques: [{ name: 'claim_one_pending_per_partner', properties: ['needId', 'claimantPartnerId'], where: { status: 'PENDING' } }],
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid, index: true },
    needId: { ...uuid, index: true },
    needPartnerId: { ...uuid },
    claimantPartnerId: { ...uuid },
    claimantKind: { type: 'string', length: 20 },
    resourceId: { ...uuid, nullable: true },
    proposal: { type: 'text' },
    status: { type: 'string', length: 20 },
    note: { type: 'text', nullable: true },
    createdBy: { type: 'string', length: 200 },
    createdAt: { type: 'datetime' },
    decidedAt: { type: 'datetime', nullable: true },
    decidedBy: { type: 'string', length: 200, nullable: true },
    version: { type: 'integer', version: true },
  },
});

export const Project = new EntitySchema<ProjectRow>({
  name: 'Project',
  tableName: 'project',
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid, index: true },
    needId: { ...uuid, unique: true },
    claimId: { ...uuid, unique: true },
    resourceId: { ...uuid, nullable: true, index: true },
    title: { type: 'string', length: 200 },
    needingPartnerId: { ...uuid },
    needingKind: { type: 'string', length: 20 },
    givingPartnerId: { ...uuid },
    givingKind: { type: 'string', length: 20 },
    status: { type: 'string', length: 20 },
    createdAt: { type: 'datetime' },
    deliveredAt: { type: 'datetime', nullable: true },
    satisfaction: { type: 'integer', nullable: true },
    comment: { type: 'text', nullable: true },
    evaluatedBy: { type: 'string', length: 200, nullable: true },
    evaluatedAt: { type: 'datetime', nullable: true },
    closedAt: { type: 'datetime', nullable: true },
    version: { type: 'integer', version: true },
  },
});

export const ProjectAssignment = new EntitySchema<ProjectAssignmentRow>({
  name: 'ProjectAssignment',
  tableName: 'project_assignment',
  indexes: [{ properties: ['kind', 'deliveredAt', 'createdAt'] }],
  properties: {
    id: { ...uuid, primary: true },
    projectId: { ...uuid, index: true },
    allianceId: { ...uuid },
    partnerId: { ...uuid },
    kind: { type: 'string', length: 20 },
    role: { type: 'string', length: 10 },
    commitmentId: { ...uuid, unique: true },
    title: { type: 'string', length: 200 },
    description: { type: 'text', nullable: true },
    category: { type: 'string', length: 40 },
    dueDate: { type: 'date', nullable: true },
    createdAt: { type: 'datetime' },
    deliveredAt: { type: 'datetime', nullable: true },
  },
});

export const CobuildChange = new EntitySchema<CobuildChangeRow>({
  name: 'CobuildChange',
  tableName: 'cobuild_change',
  indexes: [{ properties: ['allianceId', 'at'] }],
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid },
    at: { type: 'datetime' },
    actor: { type: 'string', length: 200 },
    action: { type: 'string', length: 20 },
    needId: { ...uuid, nullable: true },
    resourceId: { ...uuid, nullable: true },
    claimId: { ...uuid, nullable: true, index: true },
    projectId: { ...uuid, nullable: true, index: true },
    detail: { type: 'text', nullable: true },
  },
});

export const cobuildEntities = [NeedIndex, ResourceIndex, Claim, Project, ProjectAssignment, CobuildChange];
