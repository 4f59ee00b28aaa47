import {
  type CommitmentStatus,
  type MyActivityDetailFragment,
  MyActivityDetailFragmentDoc,
  type MyActivityFragment,
  MyActivityFragmentDoc,
} from '../generated/graphql.ts';
import { namespaced } from '../kinds/namespaced.ts';
import type { ActivityInput, AttendanceInput } from './inputs.ts';

/** The joint activities (联建活动) the editor's partner hosts, in the namespace of its kind (fragments: activities.graphql). */

type At = { id: string; version: number };
const activity = () => [MyActivityFragmentDoc];

export const myActivities = namespaced<
  {
    myActivities: MyActivityFragment[];
    myCommitments: { id: string; allianceId: string; title: string; status: CommitmentStatus }[];
  },
  Record<string, never>
>({
  operation: 'query',
  name: 'MyActivities',
  body: 'myActivities { ...MyActivity } myCommitments { id allianceId title status }',
  fragments: activity,
});

export const myActivityDetail = namespaced<{ activity: MyActivityDetailFragment | null }, { id: string }>({
  operation: 'query',
  name: 'MyActivityDetail',
  variables: () => '$id: ID!',
  body: 'activity(id: $id) { ...MyActivityDetail }',
  fragments: () => [MyActivityDetailFragmentDoc],
});

export const createActivity = namespaced<{ createActivity: MyActivityFragment }, { allianceId: string; input: ActivityInput }>({
  operation: 'mutation',
  name: 'CreateActivity',
  variables: () => '$allianceId: ID!, $input: ActivityInput!',
  body: 'createActivity(allianceId: $allianceId, input: $input) { ...MyActivity }',
  fragments: activity,
});

export const updateActivity = namespaced<{ updateActivity: MyActivityFragment }, At & { input: ActivityInput }>({
  operation: 'mutation',
  name: 'UpdateActivity',
  variables: () => '$id: ID!, $version: Int!, $input: ActivityInput!',
  body: 'updateActivity(id: $id, version: $version, input: $input) { ...MyActivity }',
  fragments: activity,
});

export const recordAttendance = namespaced<{ recordAttendance: MyActivityFragment }, At & { attendance: AttendanceInput[] }>({
  operation: 'mutation',
  name: 'RecordAttendance',
  variables: () => '$id: ID!, $version: Int!, $attendance: [AttendanceInput!]!',
  body: 'recordAttendance(id: $id, version: $version, attendance: $attendance) { ...MyActivity }',
  fragments: activity,
});
