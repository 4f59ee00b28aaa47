import type { ActivityType, Category, CommitmentStatus, Guarantee, JointAction, PartnerKind } from '../generated/graphql.ts';

/** The schema's enums in the order the UI lists them (DOMAIN.md). */

/** 六联: the six co-building measures. */
export const categories: readonly Category[] = [
  'THEORY_STUDY',
  'ORGANIZATION',
  'WORK_LINKAGE',
  'PERFORMANCE',
  'SHARED_RESPONSIBILITY',
  'INTEGRITY',
];
/** 九方六保: the six guarantees. */
export const guarantees: readonly Guarantee[] = ['SAFETY', 'TRAFFIC_FLOW', 'QUALITY', 'SCHEDULE', 'REVENUE', 'CLOSED_LOOP'];
/** 四统四联 */
export const jointActions: readonly JointAction[] = [
  'STANDARDS_INSPECTION',
  'APPROVAL_SUPERVISION',
  'COMMAND_RESPONSE',
  'CARRIER_COORDINATION',
];
export const activityTypes: readonly ActivityType[] = [
  'THEME_PARTY_DAY',
  'JOINT_MEETING',
  'LECTURE',
  'STUDY_SESSION',
  'VOLUNTEER_SERVICE',
  'JOINT_INSPECTION',
  'RED_EDUCATION_VISIT',
  'CULTURAL_EVENT',
];
export const partnerKinds: readonly PartnerKind[] = ['ENTERPRISE', 'TOWN_VILLAGE', 'UNIVERSITY', 'TRAFFIC_POLICE'];
/** The statuses an item on the joint list can have (drafts are the partner's own). */
export const listStatuses: readonly CommitmentStatus[] = ['PUBLISHED', 'IN_PROGRESS', 'COMPLETED', 'WITHDRAWN'];
