import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { ActivityType, Category, CommitmentStatus } from './enums.ts';
import { type PartnerKind, PartnerKindScalar } from './partner-kind.ts';

/**
 * The partner-side declarations of the shared interfaces (docs/architecture.md, "The federation contract").
 * Every partner subgraph declares them identically, without @key; each adds one concrete type
 * per interface. Value types returned by several subgraphs are @shareable.
 */

export const DateScalar = DateResolver;
export const DateTimeScalar = DateTimeResolver;

@ObjectType({ description: '党小组: a sub-unit of a branch, with its member count (no personal data)' })
@Directive('@shareable')
export class PartyGroup {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '党小组 name, e.g. one per work section' }) name!: string;
  @Field(() => String, { nullable: true }) leader?: string | null;
  @Field(() => Int) memberCount!: number;
}

@ObjectType({ description: 'Personal data of a Party member: visible only to its own partner' })
@Directive('@shareable')
export class PartyMember {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) post?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => DateResolver, { nullable: true }) joinedOn?: string | null;
}

@InterfaceType({ description: '党支部: a Party branch of one partner' })
export abstract class PartyBranch {
  @Field(() => ID) id!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: '书记' }) secretary?: string | null;
  @Field(() => Int) memberCount!: number;
  @Field(() => DateResolver, { nullable: true }) foundedOn?: string | null;
  @Field(() => [PartyGroup]) groups!: PartyGroup[];
}

@InterfaceType({ description: '共建单位: one organization in an alliance, as its own subgraph knows it' })
export abstract class Partner {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) shortName?: string | null;
  @Field(() => PartnerKindScalar) kind!: PartnerKind;
  @Field(() => [PartyBranch]) branches!: PartyBranch[];
}

@ObjectType({ description: 'A link or file proving progress (佐证材料)' })
@Directive('@shareable')
export class Evidence {
  @Field(() => String) label!: string;
  @Field(() => String) url!: string;
}

@ObjectType({ description: 'A measured figure reported with progress, e.g. 硬化道路 200 米' })
@Directive('@shareable')
export class Figure {
  @Field(() => String) label!: string;
  @Field(() => Number) value!: number;
  @Field(() => String, { nullable: true }) unit?: string | null;
}

@ObjectType({ description: '进展: a dated update on a commitment' })
@Directive('@shareable')
export class ProgressReport {
  @Field(() => ID) id!: string;
  @Field(() => Int) percent!: number;
  @Field(() => String) text!: string;
  @Field(() => [Evidence]) evidence!: Evidence[];
  @Field(() => [Figure]) figures!: Figure[];
  @Field(() => DateTimeResolver) reportedAt!: Date;
  @Field(() => String) reportedBy!: string;
}

@ObjectType({ description: 'One change to a commitment: who changed what, when, old and new value' })
@Directive('@shareable')
export class CommitmentChange {
  @Field(() => ID) id!: string;
  @Field(() => String) actor!: string;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => String) field!: string;
  @Field(() => String, { nullable: true }) oldValue?: string | null;
  @Field(() => String, { nullable: true }) newValue?: string | null;
}

@InterfaceType({ description: '承诺事项: one item of the joint co-building list, owned by its partner' })
export abstract class Commitment {
  @Field(() => ID) id!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Category) category!: Category;
  @Field(() => CommitmentStatus) status!: CommitmentStatus;
  @Field(() => Int, { description: 'Percent done, 0-100' }) progress!: number;
  @Field(() => DateResolver, { nullable: true }) startDate?: string | null;
  @Field(() => DateResolver, { nullable: true }) dueDate?: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) publishedAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true }) completedAt?: Date | null;
  @Field(() => String, { nullable: true }) withdrawReason?: string | null;
  @Field(() => DateTimeResolver) updatedAt!: Date;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when editing' }) version!: number;
  @Field(() => PartyBranch, { nullable: true, description: 'The responsible branch' }) branch?: PartyBranch | null;
  @Field(() => [ProgressReport]) progressReports!: ProgressReport[];
  @Field(() => [CommitmentChange]) history!: CommitmentChange[];
}

@ObjectType({ description: 'Attendance of one partner at a joint activity' })
@Directive('@shareable')
export class Attendance {
  @Field(() => ID) partnerId!: string;
  @Field(() => String) partnerName!: string;
  @Field(() => Int) attendees!: number;
}

@InterfaceType({ description: '联建活动: a joint activity hosted by one partner' })
export abstract class JointActivity {
  @Field(() => ID) id!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => ID) hostPartnerId!: string;
  @Field(() => Partner, { nullable: true, description: 'The hosting partner (主办单位)' }) host?: Partner | null;
  @Field(() => String) title!: string;
  @Field(() => ActivityType) type!: ActivityType;
  @Field(() => DateTimeResolver) startsAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true }) endsAt?: Date | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: '会议纪要 / minutes' }) minutes?: string | null;
  @Field(() => [Attendance]) attendance!: Attendance[];
  @Field(() => Int) version!: number;
}
