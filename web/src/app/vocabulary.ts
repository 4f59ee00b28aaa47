import type { ActivityType, Category, CommitmentStatus } from '../generated/graphql.ts';

/** The schema's enums in the order the UI lists them (docs/domain.md); partner kinds come from the API (`partnerKinds`). */

/** 六联: the six co-building measures. */
export const categories: readonly Category[] = [
  'THEORY_STUDY',
  'ORGANIZATION',
  'WORK_LINKAGE',
  'PERFORMANCE',
  'SHARED_RESPONSIBILITY',
  'INTEGRITY',
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
/** The statuses an item on the joint list can have (drafts are the partner's own). */
export const listStatuses: readonly CommitmentStatus[] = ['PUBLISHED', 'IN_PROGRESS', 'COMPLETED', 'WITHDRAWN'];
