import type { ActivityType } from '../generated/graphql.ts';

/**
 * The API's inputs of the writes made in a kind's namespace, which are the same for every kind.
 * Codegen types only the inputs of the operations it sees, and these operations are built at run
 * time (commitment-operations.ts, activity-operations.ts), so they are written out here as the
 * schema (src/generated/schema.graphql) defines them.
 */

/** A progress report (推进情况). */
export interface ProgressInput {
  /** 0-100 */
  readonly percent: number;
  readonly text: string;
  readonly evidence?: readonly { readonly label: string; readonly url: string }[] | null;
  readonly figures?: readonly { readonly label: string; readonly value: number; readonly unit?: string | null }[] | null;
}

/** Fields of a joint activity; on update, omitted fields stay as they are. */
export interface ActivityInput {
  readonly title?: string | null;
  readonly type?: ActivityType | null;
  readonly startsAt?: string | null;
  readonly endsAt?: string | null;
  readonly location?: string | null;
  /** 会议纪要 */
  readonly minutes?: string | null;
  readonly description?: string | null;
  readonly invitedPartnerIds?: readonly string[] | null;
  readonly advancedCommitmentIds?: readonly string[] | null;
}

/** Attendance of one partner at an activity. */
export interface AttendanceInput {
  readonly partnerId: string;
  readonly partnerName: string;
  readonly attendees: number;
}
