import { registerEnumType } from 'type-graphql';

/** The six co-building measures of the "136" model (六联). */
export enum Category {
  THEORY_STUDY = 'THEORY_STUDY',
  ORGANIZATION = 'ORGANIZATION',
  WORK_LINKAGE = 'WORK_LINKAGE',
  PERFORMANCE = 'PERFORMANCE',
  SHARED_RESPONSIBILITY = 'SHARED_RESPONSIBILITY',
  INTEGRITY = 'INTEGRITY',
}

/** Where a commitment stands on its way to closure (销项). */
export enum CommitmentStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
}

/** The kinds of joint activity (联建活动). */
export enum ActivityType {
  THEME_PARTY_DAY = 'THEME_PARTY_DAY',
  JOINT_MEETING = 'JOINT_MEETING',
  LECTURE = 'LECTURE',
  STUDY_SESSION = 'STUDY_SESSION',
  VOLUNTEER_SERVICE = 'VOLUNTEER_SERVICE',
  JOINT_INSPECTION = 'JOINT_INSPECTION',
  RED_EDUCATION_VISIT = 'RED_EDUCATION_VISIT',
  CULTURAL_EVENT = 'CULTURAL_EVENT',
}

/** Sort orders of the joint list. */
export enum CommitmentOrder {
  DUE_DATE_ASC = 'DUE_DATE_ASC',
  DUE_DATE_DESC = 'DUE_DATE_DESC',
}

registerEnumType(Category, { name: 'Category', description: 'Co-building measure (六联)' });
registerEnumType(CommitmentStatus, { name: 'CommitmentStatus', description: 'Status of a commitment' });
registerEnumType(ActivityType, { name: 'ActivityType', description: 'Kind of joint activity (联建活动)' });
registerEnumType(CommitmentOrder, { name: 'CommitmentOrder', description: 'Sort order of the joint list' });
