import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ActivityType, Category } from './enums.ts';

/** Inputs every partner subgraph accepts identically (composition merges same-named inputs). */

@InputType({ description: 'A link proving progress' })
export class EvidenceInput {
  @Field(() => String) label!: string;
  @Field(() => String, { description: 'http(s) URL' }) url!: string;
}

@InputType({ description: 'A measured figure, e.g. { label: "硬化道路", value: 200, unit: "米" }' })
export class FigureInput {
  @Field(() => String) label!: string;
  @Field(() => Number) value!: number;
  @Field(() => String, { nullable: true }) unit?: string | null;
}

@InputType({ description: 'A progress report (推进情况)' })
export class ProgressInput {
  @Field(() => Int, { description: '0-100' }) percent!: number;
  @Field(() => String) text!: string;
  @Field(() => [EvidenceInput], { nullable: true }) evidence?: EvidenceInput[] | null;
  @Field(() => [FigureInput], { nullable: true }) figures?: FigureInput[] | null;
}

@InputType({ description: 'Attendance of one partner at an activity' })
export class AttendanceInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => String) partnerName!: string;
  @Field(() => Int) attendees!: number;
}

@InputType({ description: 'Fields of a joint activity; on update, omitted fields stay as they are' })
export class ActivityInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => ActivityType, { nullable: true }) type?: ActivityType | null;
  @Field(() => DateTimeResolver, { nullable: true }) startsAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) endsAt?: Date | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: '会议纪要 / minutes' }) minutes?: string | null;
  @Field(() => [ID], { nullable: true }) invitedPartnerIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Commitments this activity advanced' }) advancedCommitmentIds?: string[] | null;
}

/** Common fields of a commitment input; each kind extends it into `<Kind>CommitmentInput` (this base is never emitted). */
@InputType()
export abstract class CommitmentInputBase {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Category, { nullable: true }) category?: Category | null;
  @Field(() => DateResolver, { nullable: true }) startDate?: string | null;
  @Field(() => DateResolver, { nullable: true }) dueDate?: string | null;
  @Field(() => ID, { nullable: true, description: 'The responsible branch (one of your own)' }) branchId?: string | null;
}
