import { defaultClaimHallDays } from '@hub/cobuild';
import type {
  ActivityType,
  AutomaticReminderTrigger,
  Category,
  CommitmentStatus,
  LightReason,
  PartnerKind,
  TrafficLight,
} from '@hub/contracts';
import { EntitySchema } from '@mikro-orm/postgresql';
import { cobuildEntities } from './cobuild/entities.ts';

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
  /** Traffic-light thresholds (days), set by the coordinator: see @hub/contracts `trafficLight`. */
  dueSoonDays: number;
  staleDays: number;
  /** Days an unclaimed published need waits before it goes to the claim hall (领办大厅). */
  claimHallDays: number;
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
  /** Where the partner is, for the wall's map (WGS 84 degrees), set by the coordinator; all null when not given. */
  longitude?: number | null;
  latitude?: number | null;
  place?: string | null;
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
  /** The item's traffic light and why, as of the later of its last change and `sweptOn`; null when closed. */
  light?: TrafficLight | null;
  lightReason?: LightReason | null;
  /** The hub day the reminder sweep last judged the item; null after a change, so it is judged again. */
  sweptOn?: string | null;
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

export type ReminderTrigger = 'MANUAL' | AutomaticReminderTrigger;
export type ReminderStatus = 'OPEN' | 'ANSWERED' | 'ACCEPTED' | 'REJECTED';

/**
 * A reminder (督办) on one item of the joint list, sent by the coordinator or by the sweep, and
 * its answer and decision. Automatic ones carry `autoKey` (`<trigger>:<occasion>`), unique per
 * item: the sweep can run in any number of replicas and still sends each one once.
 */
export interface ReminderRow {
  id: string;
  allianceId: string;
  commitmentId: string;
  partnerId: string;
  kind: PartnerKind;
  trigger: ReminderTrigger;
  autoKey?: string | null;
  message: string;
  replyBy: string;
  sentAt: Date;
  /** Who sent it; null for the automatic ones. */
  sentBy?: string | null;
  status: ReminderStatus;
  explanation?: string | null;
  proposedDueDate?: string | null;
  answeredAt?: Date | null;
  answeredBy?: string | null;
  decisionNote?: string | null;
  decidedAt?: Date | null;
  decidedBy?: string | null;
  /** When the partner's editors last opened it; cleared by a decision, which is news to them. */
  readAt?: Date | null;
  version: number;
}

export interface AllianceEventRow {
  seq: string;
  allianceId: string;
  topic: 'list' | 'activity' | 'reminder' | 'cobuild';
  entityId: string;
  kind: PartnerKind;
  action: string;
  /** The partner a reminder event concerns (its stream is per partner); null for other topics. */
  partnerId?: string | null;
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
    dueSoonDays: { type: 'integer', default: 14 },
    staleDays: { type: 'integer', default: 30 },
    claimHallDays: { type: 'integer', default: defaultClaimHallDays },
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
    longitude: { type: 'double', nullable: true },
    latitude: { type: 'double', nullable: true },
    place: { type: 'string', length: 100, nullable: true },
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
    light: { type: 'string', length: 10, nullable: true },
    lightReason: { type: 'string', length: 30, nullable: true },
    sweptOn: { type: 'date', nullable: true, index: true },
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
  indexes: [{ properties: ['allianceId', 'topic', 'seq'] }, { properties: ['partnerId', 'topic', 'seq'] }],
  properties: {
    seq: { type: 'bigint', primary: true, autoincrement: true },
    allianceId: { ...uuid },
    topic: { type: 'string', length: 20 },
    entityId: { ...uuid },
    kind: { type: 'string', length: 20 },
    action: { type: 'string', length: 20 },
    partnerId: { ...uuid, nullable: true },
    createdAt: { type: 'datetime' },
  },
});

export const Reminder = new EntitySchema<ReminderRow>({
  name: 'Reminder',
  tableName: 'reminder',
  uniques: [{ properties: ['commitmentId', 'autoKey'] }],
  indexes: [{ properties: ['partnerId', 'sentAt'] }],
  properties: {
    id: { ...uuid, primary: true },
    allianceId: { ...uuid, index: true },
    commitmentId: { ...uuid },
    partnerId: { ...uuid },
    kind: { type: 'string', length: 20 },
    trigger: { type: 'string', length: 20 },
    autoKey: { type: 'string', length: 40, nullable: true },
    message: { type: 'text' },
    replyBy: { type: 'date' },
    sentAt: { type: 'datetime' },
    sentBy: { type: 'string', length: 200, nullable: true },
    status: { type: 'string', length: 20 },
    explanation: { type: 'text', nullable: true },
    proposedDueDate: { type: 'date', nullable: true },
    answeredAt: { type: 'datetime', nullable: true },
    answeredBy: { type: 'string', length: 200, nullable: true },
    decisionNote: { type: 'text', nullable: true },
    decidedAt: { type: 'datetime', nullable: true },
    decidedBy: { type: 'string', length: 200, nullable: true },
    readAt: { type: 'datetime', nullable: true },
    version: { type: 'integer', version: true },
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
  Reminder,
  ...cobuildEntities,
];
